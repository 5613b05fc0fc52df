// The report's drafting screens; every action also works without this file.
(function () {
  "use strict";

  // After the outline is swapped, keyboard focus goes back to the control that was used
  // (a move button) or the item that changed: the outline names it in data-focus.
  document.addEventListener("htmx:afterSettle", function () {
    var outline = document.getElementById("outline");
    if (!outline) {
      return;
    }
    var id = outline.getAttribute("data-focus");
    outline.removeAttribute("data-focus");
    var target = id ? document.getElementById(id) : null;
    if (target) {
      target.focus();
    }
  });
})();
