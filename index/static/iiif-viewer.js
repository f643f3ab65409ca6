// Opens the manifest of the document named by the page's own address (/viewer/DOC?q=QUERY) in Mirador,
// with the search panel open on QUERY when there is one. Nothing here comes from the server's HTML,
// so no value needs escaping, and nothing is fetched from another site.
(function () {
  "use strict";
  var params = new URLSearchParams(window.location.search);
  var query = (params.get("q") || "").trim();
  var parts = window.location.pathname.split("/");
  var root = parts.slice(0, parts.indexOf("viewer")).join("/");
  var manifestId = window.location.origin + root + "/iiif/" + (parts[parts.indexOf("viewer") + 1] || "") + "/manifest";
  var page = /^[0-9]{1,6}$/.test(params.get("page") || "") ? params.get("page") : "1";
  window.miradorInstance = Mirador.viewer({
    id: "viewer",
    language: english() ? "en" : "vi",
    windows: [
      {
        manifestId: manifestId,
        canvasId: manifestId.replace(/\/manifest$/, "/canvas/" + page),
        thumbnailNavigationPosition: "far-bottom",
        sideBarOpen: Boolean(query),
        sideBarPanel: query ? "search" : "info",
      },
    ],
    window: { allowClose: false, allowMaximize: false, panels: { search: true } },
    workspaceControlPanel: { enabled: false },
  });
  if (query) searchAsTyped(query);

  // Vietnamese first, as the reading room: English when asked (?lang=en) or when the browser prefers it.
  function english() {
    var asked = params.get("lang");
    if (asked) return asked === "en";
    var preferred = (navigator.languages || [navigator.language || ""])[0] || "";
    return preferred.toLowerCase().indexOf("en") === 0;
  }

  // The query is typed into Mirador's search box and submitted, as a reader would. Mirador's own
  // defaultSearchQuery asks twice (the query as typed, then encoded) and lists every hit twice, and a
  // search started through its store races the box's own request and can crash its list of hits.
  function searchAsTyped(text) {
    var tries = 0;
    var timer = window.setInterval(function () {
      var input = document.querySelector('form input[id^="search-"]');
      if (!input) {
        if (++tries > 300) window.clearInterval(timer);
        return;
      }
      window.clearInterval(timer);
      var setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
      setValue.call(input, text);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      window.setTimeout(function () {
        input.form.requestSubmit();
      }, 100);
    }, 100);
  }
})();
