"""The measurements behind docs/benchmarks.md, each printing the peer it compares to beside its own figures."""
