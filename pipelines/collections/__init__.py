"""Collections as a manager tracks them: their definitions (holdings, baselines, targets), their history and
progress, and the progress report with its charts."""
