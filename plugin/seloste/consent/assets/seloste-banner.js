/*
 * Seloste's own consent banner: for themes other than Material and for other
 * generators. No dependencies. It stores the choice exactly as Material does
 * (localStorage "<scope>.__consent" = {"analytics": true, ...}, {} for reject)
 * and reloads, so the gating script (in <head>) gates the page unchanged.
 *
 * - Shown when there is no stored choice (the gating script has already removed
 *   a choice made for an older cookie list, or an expired one).
 * - Non-modal: a bar at the bottom; the page keeps room below its content, so
 *   the notices (and every page) stay readable before a choice.
 * - First in the focus order (moved to the start of <body>), labelled as a
 *   dialog; Escape closes it when reopened; the settings link (#__consent, on
 *   every page) reopens it with the current choices ticked and focused.
 */
(function () {
  "use strict";
  var root = document.getElementById("__consent");
  if (!root || !root.hasAttribute("data-seloste-banner") || root.__seloste) return;
  root.__seloste = true;
  var form = root.querySelector("form");
  var settings = root.querySelector(".seloste-consent__settings");
  var toggle = root.querySelector("[data-action=settings]");
  var save = root.querySelector("[data-action=save]");
  var close = root.querySelector("[data-action=close]");
  var title = root.querySelector(".seloste-consent__title");
  var boxes = form.querySelectorAll("input[type=checkbox][name]");

  function key(name) {
    var scope = window.__md_scope ? window.__md_scope.pathname : "/";
    return scope + "." + name;
  }
  function stored() {
    try {
      return JSON.parse(localStorage.getItem(key("__consent")));
    } catch (e) {
      return null;
    }
  }

  // On the notices it links to, the banner stays compact: the notice is read there.
  function samePage(href) {
    var norm = function (path) { return path.replace(/index\.html?$/, ""); };
    var url = new URL(href, location.href);
    return url.origin === location.origin && norm(url.pathname) === norm(location.pathname);
  }
  var links = root.querySelectorAll(".seloste-consent__text a[href]");
  for (var l = 0; l < links.length; l++) {
    if (samePage(links[l].getAttribute("href"))) root.classList.add("seloste-consent--notice");
  }

  // First in the focus order, whatever the theme's markup.
  if (document.body.firstChild !== root) document.body.insertBefore(root, document.body.firstChild);

  function pad() {
    document.body.style.paddingBottom = root.hidden ? "" : root.offsetHeight + "px";
  }
  window.addEventListener("resize", pad);

  function showSettings(open) {
    settings.hidden = !open;
    save.hidden = !open;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    pad();
  }

  function open(focus) {
    var consent = stored();
    for (var i = 0; i < boxes.length; i++) boxes[i].checked = !!(consent && consent[boxes[i].name]);
    close.hidden = !consent;
    // Reopened: the current choices are shown at once.
    showSettings(!!consent);
    root.hidden = false;
    pad();
    if (focus) title.focus();
  }

  function hide() {
    root.hidden = true;
    pad();
  }

  function choose(all) {
    var consent = {};
    for (var i = 0; i < boxes.length; i++) {
      if (all === true || (all === null && boxes[i].checked)) consent[boxes[i].name] = true;
    }
    try {
      localStorage.setItem(key("__consent"), JSON.stringify(consent));
      // A new choice gets a new receipt (dated now) from the gating script.
      localStorage.removeItem(key("__seloste_receipt"));
    } catch (e) { /* storage disabled: the choice holds for this page only */ }
    if (location.hash === "#__consent") history.replaceState(null, "", location.pathname + location.search);
    location.reload();
  }

  root.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-action]");
    if (!button) return;
    var action = button.getAttribute("data-action");
    if (action === "accept") choose(true);
    else if (action === "reject") choose(false);
    else if (action === "save") choose(null);
    else if (action === "close") hide();
    else if (action === "settings") {
      var opening = settings.hidden;
      showSettings(opening);
      if (opening && boxes.length) boxes[0].focus();
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  root.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !close.hidden) {
      hide();
      var link = document.querySelector(".seloste-settings-link a");
      if (link) link.focus();
    }
  });

  // Every link to #__consent (the footer link, the cookie notice's button) reopens it.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || root.contains(link)) return;
    var url = new URL(link.href, location.href);
    // A link to another page's #__consent opens it there (see the end of this file).
    if (url.hash !== "#__consent" || url.pathname !== location.pathname) return;
    event.preventDefault();
    open(true);
  });
  window.addEventListener("hashchange", function () {
    if (location.hash === "#__consent") open(true);
  });

  if (location.hash === "#__consent") open(true);
  else if (!stored()) open(false);
})();
