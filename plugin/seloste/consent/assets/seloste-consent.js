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
 * 5. Expiry: a choice older than data-expiry (P12M, P30D, P1Y…) is removed and
 *    the banner asks again, as on a revision change.
 * 6. Receipt: beside the choice it stores {revision, date, consent}
 *    (__seloste_receipt); [data-seloste-receipt] on the cookie notice shows it.
 * 7. Google Consent Mode v2 (data-consent-mode="google"): every signal is
 *    denied by default before any Google tag, and the stored choice is sent as
 *    an update (statistics → analytics_storage; marketing → ad_storage,
 *    ad_user_data, ad_personalization; preferences → functionality_storage,
 *    personalization_storage). Tags stay blocked until consent (basic mode).
 * 8. On the notice pages the banner links to, Material's banner does not cover
 *    or blur the page: the visitor reads the notice and chooses there.
 * 9. Material's "Manage settings" button gets the one settings name
 *    (data-settings-label), the same as the footer link on every page.
 * A link to #__consent reopens the banner (Material, or Seloste's own banner).
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
  var settingsLabel = me && me.getAttribute("data-settings-label");
  var expiry = me && me.getAttribute("data-expiry");
  var consentMode = me && me.getAttribute("data-consent-mode");
  var KEYS = { statistics: "analytics", analytics: "analytics" };
  var RECEIPT = "__seloste_receipt";

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
    remove(RECEIPT);
    set("__seloste_revision", revision);
  }
  var receipt = keepReceipt(get("__consent"), get(RECEIPT), new Date());
  forgetRefused(get("__consent"));
  signalConsentMode(get("__consent"));
  addStyle();

  // The date a period such as P12M ends, counted from `from`.
  function expires(from, period) {
    var m = /^P(\d+)([DWMY])$/.exec(period || "");
    if (!m) return null;
    var n = parseInt(m[1], 10);
    var end = new Date(from.getTime());
    if (m[2] === "D") end.setDate(end.getDate() + n);
    else if (m[2] === "W") end.setDate(end.getDate() + 7 * n);
    else if (m[2] === "M") end.setMonth(end.getMonth() + n);
    else end.setFullYear(end.getFullYear() + n);
    return end;
  }

  // An expired choice is removed (the banner asks again); a new one gets a receipt
  // dated now. The banners remove the receipt when the visitor chooses, so saving
  // the same choice again renews it too.
  function keepReceipt(consent, stored, now) {
    if (!consent) {
      if (stored) remove(RECEIPT);
      return null;
    }
    var same = stored && stored.revision === revision &&
      JSON.stringify(stored.consent) === JSON.stringify(consent);
    if (same) {
      var end = expires(new Date(stored.date), expiry);
      if (end && !isNaN(end.getTime()) && now >= end) {
        remove("__consent");
        remove(RECEIPT);
        return null;
      }
      return stored;
    }
    var fresh = { revision: revision, date: now.toISOString(), consent: consent };
    set(RECEIPT, fresh);
    return fresh;
  }

  // Google Consent Mode v2: defaults before any Google tag, then the visitor's choice.
  function signalConsentMode(consent) {
    if (consentMode !== "google") return;
    window.dataLayer = window.dataLayer || [];
    var gtag = function () { window.dataLayer.push(arguments); };
    gtag("consent", "default", {
      ad_storage: "denied",
      ad_user_data: "denied",
      ad_personalization: "denied",
      analytics_storage: "denied",
      functionality_storage: "denied",
      personalization_storage: "denied",
      security_storage: "granted"
    });
    if (!consent) return;
    var state = function (key) { return consent[key] === true ? "granted" : "denied"; };
    gtag("consent", "update", {
      ad_storage: state("marketing"),
      ad_user_data: state("marketing"),
      ad_personalization: state("marketing"),
      analytics_storage: state("analytics"),
      functionality_storage: state("preferences"),
      personalization_storage: state("preferences")
    });
  }

  function addStyle() {
    var style = document.createElement("style");
    style.setAttribute("data-seloste", "");
    style.textContent =
      ".md-consent .seloste-consent__details{display:block;margin:.2em 0 .6em;font-size:.9em}" +
      ".md-consent .seloste-consent__details>span{display:block}" +
      "html.seloste-notice-page .md-consent__overlay{display:none}" +
      "html.seloste-notice-page .md-consent__inner{max-height:45vh}";
    (document.head || document.documentElement).appendChild(style);
  }

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

  // Capture phase: runs before Material's own handlers on the form. A choice made
  // now gets a new receipt (dated now) on the next page load.
  document.addEventListener(
    "reset",
    function (event) {
      if (event.target && event.target.getAttribute("name") === "consent") remove(RECEIPT);
    },
    true
  );
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (!form || form.getAttribute("name") !== "consent") return;
      remove(RECEIPT);
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

  // "Manage settings" is the cookie settings: one name for it everywhere.
  function relabelManage() {
    if (!settingsLabel) return;
    var manage = document.querySelector("form[name=consent] label[for=__settings]");
    if (manage) manage.textContent = settingsLabel;
  }

  function samePage(href) {
    var norm = function (path) { return path.replace(/index\.html?$/, ""); };
    try {
      var url = new URL(href, location.href);
      return url.origin === location.origin && norm(url.pathname) === norm(location.pathname);
    } catch (e) {
      return false;
    }
  }

  // The notices the banner links to are readable before a choice: there Material's
  // banner neither blurs nor covers the page (the page gets room below its text).
  function markNoticePage() {
    var banner = document.querySelector("[data-md-component=consent]");
    if (!banner) return;
    var links = banner.querySelectorAll("form[name=consent] a[href]");
    var notice = false;
    for (var i = 0; i < links.length; i++) if (samePage(links[i].getAttribute("href"))) notice = true;
    document.documentElement.classList.toggle("seloste-notice-page", notice);
    if (!notice || banner.hasAttribute("data-seloste-padded")) return;
    banner.setAttribute("data-seloste-padded", "");
    var inner = banner.querySelector(".md-consent__inner");
    var pad = function () {
      var on = !banner.hidden && inner &&
        document.documentElement.classList.contains("seloste-notice-page");
      document.body.style.paddingBottom = on ? inner.offsetHeight + "px" : "";
    };
    new MutationObserver(pad).observe(banner, { attributes: true, attributeFilter: ["hidden"] });
    window.addEventListener("resize", pad);
    pad();
  }

  function dateText(iso) {
    var d = new Date(iso);
    return d.getDate() + "." + (d.getMonth() + 1) + "." + d.getFullYear();
  }

  // The consent receipt on the cookie notice: what was chosen, when, for which list.
  function showReceipt() {
    var boxes = document.querySelectorAll("[data-seloste-receipt]");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var text = box.querySelector("[data-seloste-receipt-text]");
      if (!text) continue;
      if (!receipt) {
        text.textContent = box.getAttribute("data-none") || "";
        continue;
      }
      var names = {};
      try {
        names = JSON.parse(box.getAttribute("data-categories") || "{}");
      } catch (e) { /* no names: keys are shown */ }
      var and = box.getAttribute("data-and") || ", ";
      var join = function (list) {
        return list.length > 1 ? list.slice(0, -1).join(", ") + and + list[list.length - 1] : list.join("");
      };
      var accepted = [], refused = [];
      for (var key in names) {
        if (!Object.prototype.hasOwnProperty.call(names, key)) continue;
        (receipt.consent[key] === true ? accepted : refused).push(names[key]);
      }
      var fill = function (template, list) {
        return (template || "")
          .replace("{categories}", join(list))
          .replace("{date}", dateText(receipt.date))
          .replace("{revision}", receipt.revision || "");
      };
      var out = accepted.length
        ? fill(box.getAttribute("data-accepted"), accepted) +
          (refused.length ? " " + fill(box.getAttribute("data-refused"), refused) : "")
        : fill(box.getAttribute("data-refused-all"), refused);
      text.textContent = out;
      box.setAttribute("data-state", accepted.length ? "accepted" : "refused");
    }
  }

  function start() {
    activate();
    wireSettingsLabel();
    relabelManage();
    markNoticePage();
    showReceipt();
    // Instant navigation swaps the page content: gate the new content too.
    if (window.document$ && window.document$.subscribe) {
      window.document$.subscribe(function () {
        activate();
        markNoticePage();
        showReceipt();
      });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
