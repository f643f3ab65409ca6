// The page viewer: zoom, pan by dragging, and moving from hit to hit (then to the next page with hits).
// Served from /static: the CSP allows no inline script.
(function () {
  "use strict";
  var stage = document.getElementById("stage");
  var canvas = document.getElementById("canvas");
  if (!stage || !canvas) return;
  var zoom = 1;
  var hits = Array.prototype.slice.call(document.querySelectorAll("#hits rect.hit"));
  var current = -1;

  function setZoom(value, centerX, centerY) {
    var old = zoom;
    zoom = Math.min(8, Math.max(1, value));
    var cx = centerX === undefined ? stage.clientWidth / 2 : centerX;
    var cy = centerY === undefined ? stage.clientHeight / 2 : centerY;
    var x = (stage.scrollLeft + cx) / old, y = (stage.scrollTop + cy) / old;
    canvas.style.width = (zoom * 100) + "%";
    stage.scrollLeft = x * zoom - cx;
    stage.scrollTop = y * zoom - cy;
  }

  function button(id, action) {
    var element = document.getElementById(id);
    if (element) element.addEventListener("click", action);
  }
  button("zoom-in", function () { setZoom(zoom * 1.5); });
  button("zoom-out", function () { setZoom(zoom / 1.5); });
  button("zoom-fit", function () { setZoom(1); });

  stage.addEventListener("wheel", function (event) {
    if (!event.ctrlKey) return;
    event.preventDefault();
    var box = stage.getBoundingClientRect();
    setZoom(zoom * (event.deltaY < 0 ? 1.25 : 0.8), event.clientX - box.left, event.clientY - box.top);
  }, { passive: false });

  var drag = null;
  stage.addEventListener("pointerdown", function (event) {
    drag = { x: event.clientX, y: event.clientY, left: stage.scrollLeft, top: stage.scrollTop };
    stage.classList.add("dragging");
    stage.setPointerCapture(event.pointerId);
  });
  stage.addEventListener("pointermove", function (event) {
    if (!drag) return;
    stage.scrollLeft = drag.left - (event.clientX - drag.x);
    stage.scrollTop = drag.top - (event.clientY - drag.y);
  });
  function endDrag() { drag = null; stage.classList.remove("dragging"); }
  stage.addEventListener("pointerup", endDrag);
  stage.addEventListener("pointercancel", endDrag);

  var counter = document.getElementById("hit-position");
  function showHit(index) {
    if (current >= 0) hits[current].classList.remove("current");
    current = index;
    var rect = hits[index];
    rect.classList.add("current");
    if (counter) counter.textContent = (index + 1) + " / " + hits.length + " · " + rect.getAttribute("data-kind");
    var box = rect.getBoundingClientRect(), view = stage.getBoundingClientRect();
    stage.scrollLeft += box.left - view.left - (view.width - box.width) / 2;
    stage.scrollTop += box.top - view.top - (view.height - box.height) / 2;
  }
  function follow(id) {
    var link = document.getElementById(id);
    if (link) window.location.href = link.href;
  }
  button("next-hit", function () {
    if (current + 1 < hits.length) showHit(current + 1); else follow("next-hit-page");
  });
  button("previous-hit", function () {
    if (current > 0) showHit(current - 1); else follow("previous-hit-page");
  });

  // The first hit is shown on arrival, so the reader lands on what they searched for.
  if (hits.length) showHit(0);

  // Keys: while the image has focus the arrows pan it; elsewhere they turn the page.
  var step = 80;
  document.addEventListener("keydown", function (event) {
    if (event.target.tagName === "INPUT" || event.target.tagName === "SELECT") return;
    var onImage = event.target === stage;
    if (event.key === "+" || event.key === "=") setZoom(zoom * 1.5);
    else if (event.key === "-") setZoom(zoom / 1.5);
    else if (event.key === "n") document.getElementById("next-hit") && document.getElementById("next-hit").click();
    else if (event.key === "p") document.getElementById("previous-hit") && document.getElementById("previous-hit").click();
    else if (onImage && event.key === "ArrowRight") stage.scrollLeft += step;
    else if (onImage && event.key === "ArrowLeft") stage.scrollLeft -= step;
    else if (onImage && event.key === "ArrowDown") stage.scrollTop += step;
    else if (onImage && event.key === "ArrowUp") stage.scrollTop -= step;
    else if (event.key === "ArrowRight") follow("next-page");
    else if (event.key === "ArrowLeft") follow("previous-page");
    else return;
    event.preventDefault();
  });
})();
