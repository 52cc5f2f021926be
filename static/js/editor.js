/* Rich-text fields: a Quill 2 editor over each <textarea data-rich-text="zh-CN|en">.
 *
 * The page includes templates/_macros/editor.html, which hands over (in #rich-text-config)
 * the translated labels, the CSRF token and, when the form takes images, the upload address.
 * The textarea stays the form field: on submit it receives quill.getSemanticHTML(), which the
 * server sanitises and checks (every image has its alt and was uploaded here). Without
 * JavaScript the textarea itself is edited.
 *
 * Images: the toolbar's image button (or pasting or dropping a file) opens the dialog, which
 * asks for the file and its description; the file is uploaded at once (X-CSRFToken header)
 * and the image inserted with its alt. Clicking an image, or the image button while one is
 * selected, asks for its description again. Tables: Quill's table module, driven from the
 * toolbar's table menu. The form warns before the page is left with unsaved changes
 * (static/js/portal.js, data-warn-unsaved).
 */
(function () {
  'use strict';
  var config = document.getElementById('rich-text-config');
  if (typeof Quill === 'undefined' || !config) { return; }

  var labels = JSON.parse(config.getAttribute('data-labels') || '{}');
  var uploadUrl = config.getAttribute('data-image-upload');
  var maxBytes = Number(config.getAttribute('data-max-bytes')) || 0;
  var Delta = Quill.import('delta');

  function label(key) { return labels[key] || key; }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text) { node.textContent = text; }
    return node;
  }

  // The toolbar, built here so that every button and menu carries its translated name.
  function button(format, value, key) {
    var attributes = { type: 'button', class: 'ql-' + format, 'aria-label': label(key),
                       title: label(key) };
    if (value) { attributes.value = value; }
    return element('button', attributes);
  }

  function select(format, key, options) {
    var node = element('select', { class: 'ql-' + format, 'aria-label': label(key) });
    options.forEach(function (option) {
      var attributes = option[0] === null ? { selected: '' } : { value: option[0] };
      node.appendChild(element('option', attributes, label(option[1])));
    });
    return node;
  }

  function buildToolbar() {
    var groups = [
      [select('header', 'header', [['2', 'header_2'], ['3', 'header_3'],
                                   [null, 'header_normal']])],
      [button('bold', null, 'bold'), button('italic', null, 'italic'),
       button('underline', null, 'underline'), button('strike', null, 'strike')],
      [button('list', 'ordered', 'list_ordered'), button('list', 'bullet', 'list_bullet'),
       button('indent', '-1', 'indent_minus'), button('indent', '+1', 'indent_plus')],
      [select('align', 'align', [[null, 'align_left'], ['center', 'align_center'],
                                 ['right', 'align_right'], ['justify', 'align_justify']])],
      [button('blockquote', null, 'blockquote'), button('link', null, 'link')]
        .concat(uploadUrl ? [button('image', null, 'image')] : []),
      [select('table-actions', 'table', [
        [null, 'table'], ['insert', 'table_insert'], ['row-above', 'table_row_above'],
        ['row-below', 'table_row_below'], ['column-left', 'table_column_left'],
        ['column-right', 'table_column_right'], ['delete-row', 'table_delete_row'],
        ['delete-column', 'table_delete_column'], ['delete', 'table_delete']])],
      [button('clean', null, 'clean')]
    ];
    var toolbar = element('div', { role: 'toolbar', 'aria-label': label('toolbar') });
    groups.forEach(function (group) {
      var span = element('span', { class: 'ql-formats' });
      group.forEach(function (control) { span.appendChild(control); });
      toolbar.appendChild(span);
    });
    return toolbar;
  }

  // Quill's menus (pickers) are spans that stand for the hidden <select>: give them names.
  function namePickers(holder) {
    holder.querySelectorAll('.ql-picker').forEach(function (picker) {
      var original = picker.nextElementSibling;
      var name = original && original.getAttribute('aria-label');
      var opener = picker.querySelector('.ql-picker-label');
      if (opener && name) { opener.setAttribute('aria-label', name); opener.title = name; }
      picker.querySelectorAll('.ql-picker-item[data-label]').forEach(function (item) {
        item.setAttribute('aria-label', item.getAttribute('data-label'));
      });
    });
  }

  // The link tooltip's words are CSS content in quill.snow.css; static/css/editor.css reads
  // them from these attributes instead.
  function translateTooltip(quill) {
    var tooltip = quill.theme.tooltip;
    if (!tooltip) { return; }
    var root = tooltip.root;
    root.setAttribute('data-label-visit', label('link_visit'));
    root.setAttribute('data-label-enter', label('link_enter'));
    var action = root.querySelector('a.ql-action');
    var remove = root.querySelector('a.ql-remove');
    if (action) {
      action.setAttribute('data-label-edit', label('link_edit'));
      action.setAttribute('data-label-save', label('link_save'));
    }
    if (remove) { remove.setAttribute('data-label-remove', label('link_remove')); }
    var input = root.querySelector('input[type="text"]');
    if (input) {
      input.setAttribute('data-link', 'https://');
      input.setAttribute('aria-label', label('link_enter'));
    }
  }

  // --- the image dialog ---------------------------------------------------------------------

  var dialog = document.querySelector('.rich-text-image-dialog');
  var pending = null;  // { quill, index, image (an existing <img> to describe) }

  function dialogPart(selector) { return dialog.querySelector(selector); }

  function showError(message) {
    var box = dialogPart('[data-image-error]');
    box.textContent = message || '';
    box.hidden = !message;
  }

  function openDialog(quill, index, options) {
    if (!dialog) { return; }
    pending = { quill: quill, index: index, image: options.image || null };
    var describing = Boolean(options.image);
    dialogPart('#rich-text-image-title').textContent =
      label(describing ? 'title_describe' : 'title_insert');
    dialogPart('[data-image-file]').hidden = describing;
    var file = dialogPart('#rich-text-image-file');
    file.value = '';
    if (options.file && window.DataTransfer) {
      var transfer = new DataTransfer();
      transfer.items.add(options.file);
      file.files = transfer.files;
    }
    var alt = dialogPart('#rich-text-image-alt');
    alt.value = describing ? (options.image.getAttribute('alt') || '') : '';
    dialogPart('[data-image-status]').textContent = '';
    showError('');
    dialog.showModal();
    (describing || options.file ? alt : file).focus();
  }

  function closeDialog() {
    var quill = pending && pending.quill;
    pending = null;
    dialog.close();
    if (quill) { quill.focus(); }
  }

  function describeImage(quill, image, alt) {
    var blot = Quill.find(image);
    if (!blot || blot === quill) { return; }
    quill.formatText(quill.getIndex(blot), 1, 'alt', alt, Quill.sources.USER);
  }

  function insertImage(quill, index, url, alt) {
    quill.updateContents(new Delta().retain(index).insert({ image: url }, { alt: alt }),
                         Quill.sources.USER);
    quill.setSelection(index + 1, 0, Quill.sources.SILENT);
  }

  function upload(file) {
    var data = new FormData();
    data.append('image', file);
    return fetch(uploadUrl, {
      method: 'POST', body: data, credentials: 'same-origin',
      headers: { 'X-CSRFToken': config.getAttribute('data-csrf'), Accept: 'application/json' }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok || !body.url) { throw new Error(body.error || label('upload_failed')); }
        return body;
      });
    });
  }

  if (dialog) {
    dialogPart('form').addEventListener('submit', function (event) {
      event.preventDefault();
      if (!pending) { dialog.close(); return; }
      var alt = dialogPart('#rich-text-image-alt').value.trim();
      var file = dialogPart('#rich-text-image-file').files[0];
      if (pending.image) {
        if (!alt) { showError(label('no_alt')); return; }
        describeImage(pending.quill, pending.image, alt);
        closeDialog();
        return;
      }
      if (!file) { showError(label('no_file')); return; }
      if (!alt) { showError(label('no_alt')); return; }
      if (maxBytes && file.size > maxBytes) { showError(label('too_large')); return; }
      var target = pending;
      var submit = dialogPart('button[type="submit"]');
      submit.disabled = true;
      showError('');
      dialogPart('[data-image-status]').textContent = label('uploading');
      upload(file).then(function (stored) {
        insertImage(target.quill, target.index, stored.url, alt);
        closeDialog();
      }).catch(function (error) {
        dialogPart('[data-image-status]').textContent = '';
        showError(error.message || label('upload_failed'));
      }).then(function () { submit.disabled = false; });
    });
    dialogPart('[data-image-cancel]').addEventListener('click', closeDialog);
    dialog.addEventListener('input', function () { showError(''); });
    dialog.addEventListener('cancel', function () { pending = null; });
  }

  // --- tables -------------------------------------------------------------------------------

  var TABLE_ACTIONS = {
    insert: function (table) { table.insertTable(3, 3); },
    'row-above': function (table) { table.insertRowAbove(); },
    'row-below': function (table) { table.insertRowBelow(); },
    'column-left': function (table) { table.insertColumnLeft(); },
    'column-right': function (table) { table.insertColumnRight(); },
    'delete-row': function (table) { table.deleteRow(); },
    'delete-column': function (table) { table.deleteColumn(); },
    delete: function (table) { table.deleteTable(); }
  };

  function tableAction(quill, value) {
    var table = quill.getModule('table');
    var action = TABLE_ACTIONS[value];
    if (!table || !action) { return; }
    quill.focus();
    if (value !== 'insert' && table.getTable()[0] == null) {
      window.alert(label('table_outside'));
      return;
    }
    action(table);
  }

  // --- one editor ---------------------------------------------------------------------------

  function attach(textarea) {
    var form = textarea.form;
    var holder = element('div', { class: 'rich-text-editor' });
    var toolbar = buildToolbar();
    var editorElement = element('div');
    holder.appendChild(toolbar);
    holder.appendChild(editorElement);
    textarea.insertAdjacentElement('afterend', holder);

    var quill = new Quill(editorElement, {
      theme: 'snow',
      modules: {
        table: true,
        toolbar: {
          container: toolbar,
          handlers: {
            image: function () {
              var range = quill.getSelection(true);
              var selected = range && range.length === 1 ? quill.getContents(range.index, 1)
                .ops[0] : null;
              if (selected && selected.insert && selected.insert.image) {
                var leaf = quill.getLeaf(range.index + 1)[0];
                openDialog(quill, range.index, { image: leaf && leaf.domNode });
              } else {
                openDialog(quill, range ? range.index : quill.getLength() - 1, {});
              }
            },
            'table-actions': function (value) { tableAction(quill, value); }
          }
        },
        uploader: {
          mimetypes: ['image/png', 'image/jpeg', 'image/gif', 'image/webp'],
          handler: function (range, files) {
            var image = Array.prototype.find.call(files, function (file) {
              return /^image\//.test(file.type);
            });
            if (image && uploadUrl) { openDialog(quill, range.index, { file: image }); }
          }
        }
      }
    });
    if (textarea.value) {
      // The stored HTML was sanitised on the server when it was saved.
      quill.clipboard.dangerouslyPasteHTML(textarea.value, 'silent');
    }
    textarea.hidden = true;
    namePickers(holder);
    translateTooltip(quill);

    var root = quill.root;
    var fieldLabel = document.querySelector('label[for="' + textarea.id + '"]');
    if (fieldLabel) {
      fieldLabel.id = fieldLabel.id || textarea.id + '-label';
      root.setAttribute('aria-labelledby', fieldLabel.id);
      fieldLabel.addEventListener('click', function () { quill.focus(); });
    }
    root.setAttribute('role', 'textbox');
    root.setAttribute('aria-multiline', 'true');
    root.setAttribute('lang', textarea.getAttribute('data-rich-text') || '');
    if (textarea.getAttribute('aria-describedby')) {
      root.setAttribute('aria-describedby', textarea.getAttribute('aria-describedby'));
    }
    if (textarea.classList.contains('is-invalid')) { holder.classList.add('is-invalid'); }

    root.addEventListener('click', function (event) {
      if (event.target.tagName === 'IMG' && uploadUrl) {
        openDialog(quill, 0, { image: event.target });
      }
    });
    // A change made with the toolbar or the dialog fires no input event of its own.
    quill.on('text-change', function (delta, old, source) {
      if (source === Quill.sources.USER) {
        textarea.dispatchEvent(new Event('input', { bubbles: true }));
      }
    });
    textarea.addEventListener('portal:focus', function (event) {
      event.preventDefault();
      quill.focus();
      holder.scrollIntoView({ block: 'center' });
    });
    if (form) {
      form.setAttribute('data-warn-unsaved', '');
      form.addEventListener('submit', function () {
        textarea.value = quill.getLength() > 1 ? quill.getSemanticHTML() : '';
      });
    }
  }

  // A preview (a button sending the form to a new tab) shows the files already saved: the
  // files chosen in the form stay there, unsent (disabled while the form is sent).
  function leaveFilesOut(event) {
    var button = event.submitter;
    if (!button || button.getAttribute('formtarget') !== '_blank') { return; }
    event.target.querySelectorAll('input[type="file"]:not([disabled])').forEach(function (input) {
      input.disabled = true;
      window.setTimeout(function () { input.disabled = false; }, 0);
    });
  }

  document.querySelectorAll('textarea[data-rich-text]').forEach(attach);
  document.querySelectorAll('form[data-warn-unsaved]').forEach(function (form) {
    form.addEventListener('submit', leaveFilesOut);
  });
})();
