// Behaviour shared by every page (loaded with defer; no inline script anywhere).
"use strict";

// A form with data-confirm asks before it is sent (deactivating a user, handing a role on ...).
document.addEventListener("submit", (event) => {
  const message = event.target.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
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
