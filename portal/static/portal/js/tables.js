// Wide tables scroll inside their own box on narrow screens, instead of making the whole page
// scroll sideways (a phone at 390 px). A box that scrolls is focusable, so a keyboard can scroll it
// too, and is named by the table's caption for screen readers. Without JavaScript the page scrolls.
(function () {
  "use strict";
  var boxes = [];
  document.querySelectorAll("main table").forEach(function (table) {
    // A template may already have put the table in its box: give that box the same care.
    if (table.parentElement.classList.contains("table-scroll")) { boxes.push(table.parentElement); return; }
    var box = document.createElement("div");
    box.className = "table-scroll";
    table.parentNode.insertBefore(box, table);
    box.appendChild(table);
    boxes.push(box);
  });
  function update() {
    boxes.forEach(function (box) {
      var table = box.querySelector("table");
      var caption = table.caption ? table.caption.textContent.trim() : "";
      if (box.scrollWidth > box.clientWidth) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "group");
        if (caption) { box.setAttribute("aria-label", caption); }
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }
  update();
  window.addEventListener("resize", update);
  // A table in a closed <details> has no width until it opens.
  document.addEventListener("toggle", update, true);
})();
