// Main navigation on narrow screens: a "Menu" button that shows and hides the list.
// Without JavaScript the list is always shown (the button stays hidden).
(function () {
  "use strict";
  var nav = document.querySelector("nav.main-nav");
  if (!nav) { return; }
  var button = nav.querySelector(".nav-toggle");
  var list = document.getElementById("main-nav-list");
  if (!button || !list) { return; }
  nav.classList.add("nav-js");
  button.hidden = false;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", open ? "false" : "true");
    nav.classList.toggle("nav-open", !open);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && nav.classList.contains("nav-open")) {
      button.setAttribute("aria-expanded", "false");
      nav.classList.remove("nav-open");
      button.focus();
    }
  });
  // The "Programme" group closes when focus or a click leaves it.
  var group = nav.querySelector(".nav-group details");
  if (group) {
    document.addEventListener("click", function (event) {
      if (group.open && !group.contains(event.target)) { group.open = false; }
    });
  }
})();
