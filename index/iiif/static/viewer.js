// Opens the manifest of the document named by the page's own address (/viewer/DOC?q=QUERY) in Mirador,
// with the search panel open on QUERY when there is one. Nothing here comes from the server's HTML,
// so no value needs escaping, and nothing is fetched from another site.
(function () {
  "use strict";
  var segment = window.location.pathname.split("/")[2] || "";
  var query = new URLSearchParams(window.location.search).get("q") || "";
  var english = new URLSearchParams(window.location.search).get("lang") === "en";
  var windowConfig = {
    manifestId: window.location.origin + "/iiif/" + segment + "/manifest",
    thumbnailNavigationPosition: "far-bottom",
  };
  if (query) {
    windowConfig.defaultSearchQuery = query;
    windowConfig.sideBarOpen = true;
    windowConfig.defaultSideBarPanel = "search";
  }
  window.miradorInstance = Mirador.viewer({
    id: "viewer",
    language: english ? "en" : "vi",
    windows: [windowConfig],
    window: { allowClose: false, allowMaximize: false, sideBarOpenByDefault: Boolean(query), panels: { search: true } },
    workspace: { showZoomControls: true },
    workspaceControlPanel: { enabled: false },
  });
})();
