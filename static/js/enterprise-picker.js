// The invitation form's enterprise field: as the admin types part of a name or a credit code,
// the matching enterprises (by pinyin) fill the field's <datalist>, and picking one puts
// "name · credit code" in the field, which the server reads exactly. Without this script the
// field still works: the server finds the enterprise from a name, part of one, or a code.
"use strict";

(() => {
  const field = document.querySelector("input[data-lookup]");
  const options = field && document.getElementById(field.getAttribute("list"));
  if (!field || !options) {
    return;
  }
  let timer = null;
  let asked = "";

  async function lookUp() {
    const q = field.value.trim();
    if (q.length < 1 || q === asked || q.includes(" · ")) {
      return;
    }
    asked = q;
    try {
      const response = await fetch(`${field.dataset.lookup}?q=${encodeURIComponent(q)}`, {
        headers: {Accept: "application/json"}, credentials: "same-origin",
      });
      if (!response.ok || q !== field.value.trim()) {
        return;
      }
      const found = await response.json();
      options.replaceChildren(...found.map((enterprise) => {
        const option = document.createElement("option");
        option.value = enterprise.label;
        option.textContent = `${enterprise.name} · ${enterprise.status}`;
        return option;
      }));
    } catch (error) {
      // A network hiccup: the list stays as it was, and the form still works without it.
    }
  }

  field.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(lookUp, 200);
  });
})();
