// Opens the manifest of the document named by the page's own address (/viewer/DOC?q=QUERY) in Mirador,
// with the search panel open on QUERY when there is one. Nothing here comes from the server's HTML,
// so no value needs escaping, and nothing is fetched from another site.
(function () {
  "use strict";
  var WINDOW = "document";
  var SEARCH_1 = "http://iiif.io/api/search/1/search";
  var params = new URLSearchParams(window.location.search);
  var query = (params.get("q") || "").trim();
  var manifestId = window.location.origin + "/iiif/" + (window.location.pathname.split("/")[2] || "") + "/manifest";
  var instance = Mirador.viewer({
    id: "viewer",
    language: params.get("lang") === "en" ? "en" : "vi",
    windows: [
      {
        id: WINDOW,
        manifestId: manifestId,
        thumbnailNavigationPosition: "far-bottom",
        sideBarOpen: Boolean(query),
        sideBarPanel: query ? "search" : "info",
      },
    ],
    window: { allowClose: false, allowMaximize: false, panels: { search: true } },
    workspaceControlPanel: { enabled: false },
  });
  window.miradorInstance = instance;
  if (!query) return;
  // The search is started here rather than by Mirador's defaultSearchQuery, which asks once with the query
  // as typed and once encoded, and then lists every hit twice.
  var unsubscribe = instance.store.subscribe(function () {
    var state = instance.store.getState();
    var manifest = state.manifests[manifestId];
    var service = manifest && manifest.json && (manifest.json.service || []).filter(function (s) {
      return s.profile === SEARCH_1;
    })[0];
    var panel = ((state.windows[WINDOW] || {}).companionWindowIds || [])
      .map(function (id) {
        return state.companionWindows[id];
      })
      .filter(function (w) {
        return w && w.content === "search";
      })[0];
    if (!service || !panel) return;
    unsubscribe();
    var url = service["@id"] + "?" + new URLSearchParams({ q: query });
    window.setTimeout(function () {
      instance.store.dispatch(Mirador.fetchSearch(WINDOW, panel.id, url, query));
    }, 0);
  });
})();
