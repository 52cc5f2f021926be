/* Loaded blocking in <head>: the reader's font size (kept in this browser's local storage by
   the switch in the header, portal.js) goes on <html> before anything is drawn. */
try {
  var size = window.localStorage.getItem("fontSize");
  if (size === "small" || size === "large") {
    document.documentElement.classList.replace("fs-medium", "fs-" + size);
  }
} catch (e) { /* storage refused: the medium size stays */ }
