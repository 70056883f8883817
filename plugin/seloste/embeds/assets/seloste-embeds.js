/* Seloste: click-to-load placeholders for embeds (YouTube, Vimeo, Google Maps…).
 *
 * The build writes <iframe data-src=… data-category=…> inside a .seloste-embed notice.
 * seloste-consent.js sets src once the visitor accepts the category; this file only
 * loads one embed when its "load" button is clicked. CSS hides the notice as soon as
 * the iframe has a src, whoever set it.
 */
(function () {
  "use strict";
  function load(button) {
    var box = button.closest(".seloste-embed");
    var frame = box && box.querySelector("iframe[data-src]");
    if (!frame || frame.hasAttribute("src")) return;
    frame.setAttribute("data-seloste-active", "");
    frame.setAttribute("src", frame.getAttribute("data-src"));
  }
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.closest) {
      var button = target.closest(".seloste-embed__load");
      if (button) load(button);
    }
  });
})();
