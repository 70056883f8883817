/*
 * Seloste consent gating for Material for MkDocs (loaded in <head>, before
 * Material's analytics snippet, so that a stale choice is gone before anything
 * reads it).
 *
 * 1. Revision: when data-revision differs from the stored one, the stored
 *    choice (Material's __consent) is removed and the banner asks again.
 * 2. Accept = accept all: Material's "accept" saves only ticked boxes, and no
 *    box is ticked in advance; unless the visitor opened the settings, accepting
 *    ticks every box first. With the settings open the button saves the ticks.
 * 3. Gated elements run only after consent to their category:
 *      <script type="text/plain" data-category="marketing">…</script>
 *      <script type="text/plain" data-category="marketing" data-src="https://…"></script>
 *      <img data-category="marketing" data-src="https://…">   (also iframe)
 *    Categories: preferences, statistics (or analytics), marketing;
 *    "!marketing" runs when the visitor refused marketing.
 * 4. Withdrawal: first-party cookies of a category the visitor has not (or no
 *    longer) accepted are deleted (data-cookies: {"analytics": ["_ga", "_ga_*"]}).
 * A link to #__consent reopens the banner (Material handles it).
 */
(function () {
  "use strict";
  // Loaded twice (head and extra_javascript)? The first, in <head>, does the work.
  if (window.__seloste_consent) return;
  window.__seloste_consent = true;
  var me = document.currentScript;
  var revision = me && me.getAttribute("data-revision");
  var saveLabel = me && me.getAttribute("data-save-label");
  var declared = {};
  try {
    declared = JSON.parse((me && me.getAttribute("data-cookies")) || "{}");
  } catch (e) { /* no list: nothing to delete */ }
  var KEYS = { statistics: "analytics", analytics: "analytics" };

  function storageKey(name) {
    var scope = window.__md_scope ? window.__md_scope.pathname : "/";
    return scope + "." + name;
  }
  function get(name) {
    try {
      return JSON.parse(localStorage.getItem(storageKey(name)));
    } catch (e) {
      return null;
    }
  }
  function set(name, value) {
    try {
      localStorage.setItem(storageKey(name), JSON.stringify(value));
    } catch (e) { /* storage disabled: the banner simply asks every time */ }
  }
  function remove(name) {
    try {
      localStorage.removeItem(storageKey(name));
    } catch (e) { /* nothing stored */ }
  }

  if (revision && get("__seloste_revision") !== revision) {
    remove("__consent");
    set("__seloste_revision", revision);
  }
  forgetRefused(get("__consent"));

  // Delete the declared first-party cookies of every category not accepted now.
  // A cookie is removed under each domain it may have been set on (GA uses the
  // registrable domain, e.g. .example.fi), with path=/.
  function forgetRefused(consent) {
    var names = document.cookie ? document.cookie.split(/;\s*/) : [];
    var host = location.hostname.split(".");
    var domains = [""];
    for (var d = 0; d < host.length - 1; d++) domains.push("; domain=." + host.slice(d).join("."));
    for (var key in declared) {
      if (!Object.prototype.hasOwnProperty.call(declared, key)) continue;
      if (consent && consent[key] === true) continue;
      var patterns = declared[key];
      for (var n = 0; n < names.length; n++) {
        var name = names[n].split("=")[0];
        for (var p = 0; p < patterns.length; p++) {
          var pattern = patterns[p];
          var hit = pattern.charAt(pattern.length - 1) === "*"
            ? name.indexOf(pattern.slice(0, -1)) === 0
            : name === pattern;
          if (!hit) continue;
          for (var i = 0; i < domains.length; i++) {
            document.cookie = name + "=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/" + domains[i];
          }
        }
      }
    }
  }

  function permitted(category, consent) {
    var negate = category.charAt(0) === "!";
    var name = negate ? category.slice(1) : category;
    if (name === "necessary") return !negate;
    if (!consent) return false; // no choice yet: neither opt-in nor opt-out runs
    var given = consent[KEYS[name] || name] === true;
    return negate ? !given : given;
  }

  function activate() {
    var consent = get("__consent");
    var nodes = document.querySelectorAll("[data-category]");
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i];
      if (el.hasAttribute("data-seloste-active")) continue;
      if (!permitted(el.getAttribute("data-category"), consent)) continue;
      if (el.tagName === "SCRIPT") {
        if ((el.getAttribute("type") || "").toLowerCase() !== "text/plain") continue;
        runScript(el);
      } else if (el.hasAttribute("data-src")) {
        el.setAttribute("data-seloste-active", "");
        el.setAttribute("src", el.getAttribute("data-src"));
      }
    }
  }

  function runScript(el) {
    var script = document.createElement("script");
    for (var i = 0; i < el.attributes.length; i++) {
      var attr = el.attributes[i];
      if (attr.name === "type" || attr.name === "data-src" || attr.name === "data-type") continue;
      script.setAttribute(attr.name, attr.value);
    }
    script.setAttribute("data-seloste-active", "");
    if (el.hasAttribute("data-type")) script.setAttribute("type", el.getAttribute("data-type"));
    if (el.hasAttribute("data-src")) {
      script.async = el.hasAttribute("async");
      script.src = el.getAttribute("data-src");
    } else {
      script.text = el.text;
    }
    el.setAttribute("data-seloste-active", "");
    el.parentNode.replaceChild(script, el);
  }

  // Capture phase: runs before Material's own submit handler on the form.
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (!form || form.getAttribute("name") !== "consent") return;
      var settings = document.getElementById("__settings");
      if (!settings || settings.checked) return;
      var inputs = form.querySelectorAll("input[type=checkbox][name]");
      for (var i = 0; i < inputs.length; i++) inputs[i].checked = true;
    },
    true
  );

  function wireSettingsLabel() {
    var settings = document.getElementById("__settings");
    var form = document.forms.consent;
    if (!settings || !form || !saveLabel) return;
    var accept = form.querySelector("button:not([type=reset])");
    if (!accept) return;
    var original = accept.textContent;
    var update = function () {
      accept.textContent = settings.checked ? saveLabel : original;
    };
    settings.addEventListener("change", update);
    update();
  }

  function start() {
    activate();
    wireSettingsLabel();
    // Instant navigation swaps the page content: gate the new content too.
    if (window.document$ && window.document$.subscribe) window.document$.subscribe(activate);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
