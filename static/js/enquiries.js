// Enquiry pages: inserting a canned reply into the message being written (staff). Without
// JavaScript the picker stays hidden and the message is typed by hand.
"use strict";

document.querySelectorAll("[data-insert-canned]").forEach((button) => {
  const select = document.getElementById(button.dataset.insertCanned);
  const target = document.getElementById(button.dataset.target);
  if (!select || !target) {
    return;
  }
  button.closest(".canned-picker").hidden = false;
  button.addEventListener("click", () => {
    const option = select.options[select.selectedIndex];
    const text = option ? option.dataset.body : "";
    const start = target.selectionStart ?? target.value.length;
    const end = target.selectionEnd ?? target.value.length;
    target.value = target.value.slice(0, start) + text + target.value.slice(end);
    target.focus();
    target.setSelectionRange(start + text.length, start + text.length);
  });
});
