// Behaviour shared by every page (loaded with defer; no inline script anywhere).
"use strict";

// Forms marked data-warn-unsaved (the editors' forms: static/js/editor.js marks them) warn
// before the page is left with changes not sent. A field change, or an "input" event a
// script sends on a field, makes the form dirty; sending it makes it clean again, unless
// the button sends it elsewhere (a preview in a new tab).
const dirtyForms = new Set();

function markDirty(event) {
  const form = event.target.form || event.target.closest?.("form");
  if (form && form.hasAttribute("data-warn-unsaved")) {
    dirtyForms.add(form);
  }
}
document.addEventListener("input", markDirty);
document.addEventListener("change", markDirty);

window.addEventListener("beforeunload", (event) => {
  if (dirtyForms.size) {
    event.preventDefault();
    event.returnValue = "";  // older browsers show their own message only when this is set
  }
});

// A form with data-confirm, or a button with data-confirm, asks before the form is sent
// (deactivating a user, publishing an article now …).
document.addEventListener("submit", (event) => {
  const form = event.target;
  const button = event.submitter;
  const message = (button && button.dataset.confirm) || form.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
    return;
  }
  const target = (button && button.getAttribute("formtarget")) || form.target;
  if (!target || target === "_self") {
    dirtyForms.delete(form);
  }
});

// The error summary at the top of a form (templates/_macros/forms.html) takes the focus when
// the page opens; its links move the focus to their field. A field a script has replaced
// (a rich-text editor) takes the "portal:focus" event and focuses its stand-in.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    // A form sent back with errors holds what was typed, still unsaved.
    document.querySelectorAll("form[data-warn-unsaved]").forEach((form) => dirtyForms.add(form));
  }
});

document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-error-summary] a[href^='#']");
  if (!link) {
    return;
  }
  const field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!field) {
    return;
  }
  event.preventDefault();
  const handover = new CustomEvent("portal:focus", { cancelable: true });
  if (field.dispatchEvent(handover)) {
    const label = document.querySelector(`label[for="${CSS.escape(field.id)}"]`);
    field.focus();
    (label || field).scrollIntoView({ block: "center" });
  }
});

// The font-size switch: a class on <html> (font-size.js sets it on every page), remembered
// in this browser only, so the page itself is the same for every reader.
(() => {
  const root = document.documentElement;
  const group = document.querySelector(".font-size-switch");
  if (!group) {
    return;
  }
  const buttons = group.querySelectorAll("[data-font-size]");
  const show = () => {
    buttons.forEach((button) => {
      const on = root.classList.contains("fs-" + button.dataset.fontSize);
      button.classList.toggle("active", on);
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  };
  buttons.forEach((button) => button.addEventListener("click", () => {
    const size = button.dataset.fontSize;
    root.classList.remove("fs-small", "fs-medium", "fs-large");
    root.classList.add("fs-" + size);
    try {
      window.localStorage.setItem("fontSize", size);
    } catch (e) { /* not remembered, still applied */ }
    show();
  }));
  show();
  group.hidden = false;
  group.classList.add("d-flex");
})();

// The language switch of a public page is a link to its twin; following it also remembers
// the choice, so that / opens in that language next time (portal/i18n.py, root_language).
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-language]");
  if (link) {
    document.cookie = "lang=" + link.dataset.language + "; path=/; max-age=31536000; samesite=lax";
  }
});

// An article page counts its view from the browser (the page itself may come from a cache).
(() => {
  const article = document.querySelector("[data-view-url]");
  if (article && navigator.sendBeacon) {
    navigator.sendBeacon(article.dataset.viewUrl);
  }
})();
