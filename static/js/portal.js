// Behaviour shared by every page (loaded with defer; no inline script anywhere).
"use strict";

// A form with data-confirm asks before it is sent (deactivating a user, handing a role on ...).
document.addEventListener("submit", (event) => {
  const message = event.target.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
