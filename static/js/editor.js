/* Rich-text fields: a Quill 2 editor over each <textarea data-rich-text>.
 * The textarea stays the form field: on submit it receives quill.getSemanticHTML(), which the
 * server sanitises. Without JavaScript the textarea itself is edited. */
(function () {
  'use strict';
  if (typeof Quill === 'undefined') { return; }

  var TOOLBAR = [
    [{ header: [2, 3, false] }],
    ['bold', 'italic', 'underline', 'strike'],
    [{ list: 'ordered' }, { list: 'bullet' }, { indent: '-1' }, { indent: '+1' }],
    [{ align: [] }],
    ['blockquote', 'link'],
    ['clean']
  ];

  function attach(textarea) {
    var holder = document.createElement('div');
    holder.className = 'rich-text-editor';
    var editorElement = document.createElement('div');
    holder.appendChild(editorElement);
    textarea.insertAdjacentElement('afterend', holder);

    var quill = new Quill(editorElement, { theme: 'snow', modules: { toolbar: TOOLBAR } });
    if (textarea.value) {
      // The stored HTML was sanitised on the server when it was saved.
      quill.clipboard.dangerouslyPasteHTML(textarea.value, 'silent');
    }
    textarea.hidden = true;

    var root = quill.root;
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    if (label) {
      label.id = label.id || textarea.id + '-label';
      root.setAttribute('aria-labelledby', label.id);
      label.addEventListener('click', function () { quill.focus(); });
    }
    root.setAttribute('role', 'textbox');
    root.setAttribute('aria-multiline', 'true');
    root.setAttribute('lang', textarea.getAttribute('data-rich-text') || '');
    if (textarea.getAttribute('aria-describedby')) {
      root.setAttribute('aria-describedby', textarea.getAttribute('aria-describedby'));
    }
    if (textarea.classList.contains('is-invalid')) { holder.classList.add('is-invalid'); }

    textarea.form.addEventListener('submit', function () {
      textarea.value = quill.getLength() > 1 ? quill.getSemanticHTML() : '';
    });
  }

  document.querySelectorAll('textarea[data-rich-text]').forEach(attach);
})();
