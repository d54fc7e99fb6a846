// prisma-admin-site: small progressive enhancements. Every page works without this file.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    // Move focus to the error summary of a rejected form, so screen readers announce it.
    var errors = document.getElementById('form-errors');
    if (errors) {
      var firstInvalid = document.querySelector('[aria-invalid="true"]');
      (firstInvalid || errors).focus();
    }

    // The menu is a <details> that CSS keeps shown on wide screens; browsers without ::details-content need it open.
    var menu = document.querySelector('.nav-menu');
    if (menu && window.matchMedia('(min-width: 801px)').matches && !supportsDetailsContent()) menu.open = true;

    // Select all rows of the list page (and show "some" when only some are ticked).
    var all = document.getElementById('select-all');
    if (all) {
      var rowBoxes = document.querySelectorAll('input[name="_selected"]');
      all.hidden = false;
      all.addEventListener('change', function () {
        rowBoxes.forEach(function (box) { box.checked = all.checked; });
      });
      var sync = function () {
        var ticked = Array.prototype.filter.call(rowBoxes, function (box) { return box.checked; }).length;
        all.checked = ticked > 0 && ticked === rowBoxes.length;
        all.indeterminate = ticked > 0 && ticked < rowBoxes.length;
      };
      rowBoxes.forEach(function (box) { box.addEventListener('change', sync); });
      sync();
    }

    // "x of y selected", and "Select all N" once every row of the page is ticked (Django's select_across). Without
    // this script the "Select all N" checkbox is simply shown.
    var across = document.getElementById('select-across');
    var counters = document.querySelectorAll('.action-counter');
    var table = document.querySelector('table.results');
    if (all && counters.length) {
      var boxes = document.querySelectorAll('input[name="_selected"]');
      var acrossLabel = across ? across.closest('label') : null;
      var total = table && table.getAttribute('data-total');
      // "about 1,000,000", "more than 10,000": the total as the page states it.
      var count = table && table.getAttribute('data-count');
      var update = function () {
        var ticked = Array.prototype.filter.call(boxes, function (box) { return box.checked; }).length;
        var whole = ticked > 0 && ticked === boxes.length;
        if (across && !whole) across.checked = false;
        if (acrossLabel) acrossLabel.hidden = !whole;
        var text = across && across.checked
          ? 'All ' + (count || Number(total).toLocaleString('en-US')) + ' selected'
          : ticked + ' of ' + boxes.length + ' selected';
        counters.forEach(function (c) { c.textContent = text; c.hidden = false; });
      };
      boxes.forEach(function (box) { box.addEventListener('change', update); });
      all.addEventListener('change', update);
      if (across) across.addEventListener('change', update);
      update();
    }

    // Search-as-you-type for relation fields with many related records.
    document.querySelectorAll('.autocomplete[data-autocomplete-url]').forEach(function (box) {
      var url = box.getAttribute('data-autocomplete-url');
      var input = box.querySelector('.autocomplete-input');
      if (!url || !input) return;
      var list = document.createElement('ul');
      list.className = 'autocomplete-results';
      list.setAttribute('role', 'listbox');
      list.id = input.id + '-results';
      list.hidden = true;
      input.setAttribute('role', 'combobox');
      input.setAttribute('aria-controls', list.id);
      input.setAttribute('aria-expanded', 'false');
      input.setAttribute('aria-autocomplete', 'list');
      if (!input.placeholder) input.placeholder = 'Type to search';
      input.after(list);
      var timer = null;
      var active = -1;
      var options = function () { return list.querySelectorAll('[role="option"]'); };
      var close = function () {
        list.hidden = true;
        active = -1;
        input.setAttribute('aria-expanded', 'false');
        input.removeAttribute('aria-activedescendant');
      };
      var highlight = function (index) {
        var all = options();
        if (!all.length) return;
        active = (index + all.length) % all.length;
        all.forEach(function (li, i) { li.setAttribute('aria-selected', String(i === active)); });
        input.setAttribute('aria-activedescendant', all[active].id);
        all[active].scrollIntoView({ block: 'nearest' });
      };
      input.addEventListener('keydown', function (event) {
        if (list.hidden && event.key !== 'ArrowDown') return;
        if (event.key === 'ArrowDown') { event.preventDefault(); if (list.hidden && options().length) { list.hidden = false; input.setAttribute('aria-expanded', 'true'); } highlight(active + 1); }
        else if (event.key === 'ArrowUp') { event.preventDefault(); highlight(active - 1); }
        else if (event.key === 'Enter' && active >= 0) { event.preventDefault(); options()[active].click(); }
        else if (event.key === 'Escape') { event.preventDefault(); close(); }
      });
      input.addEventListener('blur', function () { setTimeout(close, 150); });
      input.addEventListener('input', function () {
        clearTimeout(timer);
        timer = setTimeout(function () {
          fetch(url + (url.indexOf('?') < 0 ? '?' : '&') + 'q=' + encodeURIComponent(input.value), { headers: { accept: 'application/json' }, credentials: 'same-origin' })
            .then(function (r) { return r.ok ? r.json() : { results: [] }; })
            .then(function (data) {
              list.textContent = '';
              active = -1;
              input.removeAttribute('aria-activedescendant');
              data.results.forEach(function (option, i) {
                var li = document.createElement('li');
                li.setAttribute('role', 'option');
                li.setAttribute('aria-selected', 'false');
                li.id = list.id + '-' + i;
                li.textContent = option.label;
                li.addEventListener('click', function () {
                  // A list filter's search box: the pick sets the filter to the record's key, not the typed text.
                  var sets = box.getAttribute('data-autocomplete-sets');
                  if (sets && input.form) {
                    var key = document.createElement('input');
                    key.type = 'hidden';
                    key.name = sets;
                    key.value = option.value;
                    input.form.appendChild(key);
                    input.disabled = true;
                    close();
                    input.form.submit();
                    return;
                  }
                  input.value = option.value;
                  var current = box.querySelector('.autocomplete-current');
                  if (!current) { current = document.createElement('span'); current.className = 'autocomplete-current'; list.after(current); }
                  current.textContent = 'Selected: ' + option.label;
                  input.dispatchEvent(new Event('change', { bubbles: true }));
                  close();
                  input.focus();
                });
                list.appendChild(li);
              });
              list.hidden = data.results.length === 0;
              input.setAttribute('aria-expanded', String(!list.hidden));
            });
        }, 200);
      });
    });

    // prepopulatedFields: a slug filled from other inputs as you type, until you edit it yourself.
    document.querySelectorAll('[data-prepopulate-from]').forEach(function (target) {
      var sources = target.getAttribute('data-prepopulate-from').split(' ')
        .map(function (id) { return document.getElementById(id); })
        .filter(Boolean);
      var computed = function () { return slugify(sources.map(function (s) { return s.value; }).join(' ')); };
      // A value the person typed (e.g. on a form shown again after an error) is theirs.
      var edited = target.value !== '' && target.value !== computed();
      target.addEventListener('input', function () { edited = target.value !== ''; });
      sources.forEach(function (source) {
        ['input', 'change'].forEach(function (type) {
          source.addEventListener(type, function () { if (!edited) target.value = computed(); });
        });
      });
    });

    // Inlines: "add another" copies the template row with the next index and counts it in TOTAL_FORMS.
    document.querySelectorAll('[data-inline-prefix]').forEach(function (group) {
      var prefix = group.getAttribute('data-inline-prefix');
      var template = group.querySelector('template.inline-template');
      var button = group.querySelector('.inline-add');
      var rows = group.querySelector('[data-inline-rows]');
      var total = group.querySelector('input[name="' + prefix + '-TOTAL_FORMS"]');
      if (!template || !button || !rows || !total) return;
      button.hidden = false;
      button.addEventListener('click', function () {
        var index = String(Number(total.value) || 0);
        var row = template.content.firstElementChild.cloneNode(true);
        renameInputs(row, '__prefix__', index);
        var remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'inline-remove';
        remove.textContent = 'Remove';
        // As Django's inlines.js: the rows after the removed one move up, so TOTAL_FORMS stays the number of rows
        // sent (the server refuses a count the rows do not bear out).
        remove.addEventListener('click', function () {
          var removed = Number(row.getAttribute('data-inline-row'));
          row.remove();
          Array.prototype.slice.call(rows.querySelectorAll('[data-inline-row]')).forEach(function (other) {
            var i = Number(other.getAttribute('data-inline-row'));
            if (i > removed) renameInputs(other, prefix + '-' + i + '-', prefix + '-' + (i - 1) + '-', String(i - 1));
          });
          total.value = String(Math.max(0, (Number(total.value) || 0) - 1));
          button.focus();
        });
        (row.lastElementChild || row).appendChild(remove);
        rows.appendChild(row);
        total.value = String(Number(index) + 1);
        var first = row.querySelector('input:not([type=hidden]), select, textarea');
        if (first) first.focus();
      });
    });
  });

  // Replaces `from` with `to` in the attributes of an inline row and its elements (names, ids, labels' for).
  function renameInputs(row, from, to, index) {
    [row].concat(Array.prototype.slice.call(row.querySelectorAll('*'))).forEach(function (el) {
      Array.prototype.slice.call(el.attributes).forEach(function (attr) {
        if (attr.value.indexOf(from) >= 0) el.setAttribute(attr.name, attr.value.split(from).join(to));
      });
    });
    if (index !== undefined) row.setAttribute('data-inline-row', index);
  }

  function supportsDetailsContent() {
    try { return CSS.supports('selector(::details-content)'); } catch (e) { return false; }
  }

  // Lower case ASCII letters, digits and dashes: "Crème brûlée à Paris!" → "creme-brulee-a-paris".
  var FOLDS = { 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ı': 'i' };
  function slugify(text) {
    return text.toLowerCase()
      .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
      .replace(/[ßæœøłđðþı]/g, function (c) { return FOLDS[c]; })
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  }
})();

// ---- Related records in a popup (issue 20) ----------------------------------------------------------------------
// The "+" and pencil beside a relation field open the related add/change form (`_popup=1`) in a <dialog>; once it is
// saved, its answer page (data-popup-response) posts the record back here, and it is selected in the field, every
// other typed value left as it was. Without JavaScript the links open a new tab.
(function () {
  'use strict';
  var MESSAGE = 'prisma-admin-site:popup-response';
  document.addEventListener('DOMContentLoaded', function () {
    var response = document.getElementById('popup-response');
    if (response) {
      var record;
      try { record = JSON.parse(response.getAttribute('data-popup-response')); } catch (e) { return; }
      var opener = window.parent !== window ? window.parent : window.opener;
      if (opener) opener.postMessage({ type: MESSAGE, record: record }, window.location.origin);
      return;
    }
    var links = document.querySelectorAll('a.related-link[data-related-field]');
    if (!links.length) return;
    var dialog = null;
    var frame = null;
    var active = null;

    links.forEach(function (link) {
      var row = link.closest('.form-row');
      var template = link.getAttribute('data-href-template');
      if (template && row) {
        // The pencil follows the selected record.
        row.addEventListener('change', function () {
          var value = selectedValue(document.getElementById(link.getAttribute('data-related-field')));
          link.hidden = !value;
          if (value) link.href = template.split('__id__').join(encodeURIComponent(value));
        });
      }
      if (typeof HTMLDialogElement !== 'function') return;
      link.addEventListener('click', function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        open(link);
      });
    });

    window.addEventListener('message', function (event) {
      if (event.origin !== window.location.origin || !frame || event.source !== frame.contentWindow) return;
      var data = event.data;
      if (!data || data.type !== MESSAGE || !data.record || !active) return;
      choose(document.getElementById(active.getAttribute('data-related-field')), data.record);
      dialog.close();
    });

    function open(link) {
      if (!dialog) {
        dialog = document.createElement('dialog');
        dialog.className = 'related-dialog';
        dialog.setAttribute('aria-labelledby', 'related-dialog-title');
        var head = document.createElement('div');
        head.className = 'related-dialog-head';
        var title = document.createElement('h2');
        title.id = 'related-dialog-title';
        var close = document.createElement('button');
        close.type = 'button';
        close.textContent = 'Close';
        close.addEventListener('click', function () { dialog.close(); });
        head.appendChild(title);
        head.appendChild(close);
        dialog.appendChild(head);
        dialog.addEventListener('close', function () {
          if (frame) { frame.remove(); frame = null; }
          if (active) active.focus();
          active = null;
        });
        document.body.appendChild(dialog);
      }
      if (frame) frame.remove();
      active = link;
      dialog.querySelector('h2').textContent = link.title;
      frame = document.createElement('iframe');
      frame.className = 'related-frame';
      frame.title = link.title;
      frame.src = link.href;
      dialog.appendChild(frame);
      dialog.showModal();
    }
  });

  // The value a relation input holds now: a select's, the checked radio's, an autocomplete's text.
  function selectedValue(input) {
    if (!input) return '';
    if (input.getAttribute('role') === 'radiogroup') {
      var checked = input.querySelector('input[type=radio]:checked');
      return checked ? checked.value : '';
    }
    return input.multiple ? '' : input.value;
  }

  // Puts the saved record in the field: selected (added), or its new label shown (changed).
  function choose(input, record) {
    if (!input) return;
    var selectIt = record.action === 'add' || !input.multiple;
    if (input.tagName === 'SELECT') {
      var option = Array.prototype.find.call(input.options, function (o) { return o.value === record.value; });
      if (!option) { option = new Option(record.label, record.value); input.add(option); }
      option.textContent = record.label;
      if (selectIt) option.selected = true;
    } else if (input.getAttribute('role') === 'radiogroup') {
      var radio = Array.prototype.find.call(input.querySelectorAll('input[type=radio]'), function (r) { return r.value === record.value; });
      if (!radio) {
        radio = document.createElement('input');
        radio.type = 'radio';
        radio.name = input.getAttribute('data-radio-name');
        radio.value = record.value;
        var label = document.createElement('label');
        label.className = 'inline';
        label.appendChild(radio);
        label.appendChild(document.createTextNode(' '));
        input.appendChild(label);
      }
      radio.parentNode.lastChild.textContent = ' ' + record.label;
      radio.checked = true;
    } else {
      var box = input.closest('.autocomplete');
      if (box && box.hasAttribute('data-multiple')) {
        var ticked = Array.prototype.find.call(box.querySelectorAll('input[type=checkbox]'), function (c) { return c.value === record.value; });
        if (!ticked) {
          ticked = document.createElement('input');
          ticked.type = 'checkbox';
          ticked.name = input.name;
          ticked.value = record.value;
          var item = document.createElement('label');
          item.className = 'inline';
          item.appendChild(ticked);
          item.appendChild(document.createTextNode(' '));
          input.before(item);
        }
        ticked.parentNode.lastChild.textContent = ' ' + record.label;
        ticked.checked = true;
      } else {
        input.value = record.value;
        var current = box && box.querySelector('.autocomplete-current');
        if (box && !current) { current = document.createElement('span'); current.className = 'autocomplete-current'; box.appendChild(current); }
        if (current) current.textContent = 'Selected: ' + record.label;
      }
    }
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }
})();

// ---- Markdown fields (issue 20): a live preview beside the textarea, rendered and sanitized by the server --------
// Attaches to every `textarea[data-widget="markdown"]`; the server decides which fields are Markdown (markdownFields,
// `/// @markdown`, or `widgets: { body: 'markdown' }`). Never renders on the client: the preview is what the detail
// page will show.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('textarea[data-widget="markdown"]').forEach(function (area) {
      var form = area.form;
      var token = form ? form.querySelector('input[name="_csrf"]') : null;
      var url = area.getAttribute('data-preview-url') || location.pathname.replace(/\/(add|[^/]+\/change)\/?$/, '/markdown-preview');
      var label = document.querySelector('label[for="' + area.id + '"]');
      var editor = document.createElement('div');
      editor.className = 'markdown-editor';
      area.parentNode.insertBefore(editor, area);
      editor.appendChild(area);
      var preview = document.createElement('div');
      preview.className = 'markdown-body markdown-preview';
      preview.id = area.id + '-preview';
      preview.setAttribute('role', 'region');
      preview.setAttribute('aria-live', 'polite');
      preview.tabIndex = 0; // it scrolls: keyboard users must reach it (WCAG 2.1.1)
      preview.setAttribute('aria-label', 'Preview of ' + (label ? label.textContent.replace(/\*|\(required\)/g, '').trim() : area.name));
      editor.appendChild(preview);
      var timer = null;
      var latest = 0;
      var render = function () {
        var mine = ++latest;
        var body = new URLSearchParams({ _csrf: token ? token.value : '', field: area.name, text: area.value });
        fetch(url, { method: 'POST', body: body, credentials: 'same-origin', headers: { accept: 'application/json' } })
          .then(function (r) { return r.ok ? r.json() : Promise.reject(new Error(String(r.status))); })
          // The server's sanitized HTML (no script, handlers, styles or script links), parsed inert by DOMParser; the
          // CSP (no inline script) stands behind it.
          .then(function (data) {
            if (mine !== latest) return;
            var doc = new DOMParser().parseFromString(data.html, 'text/html');
            preview.replaceChildren.apply(preview, Array.prototype.slice.call(doc.body.childNodes));
          })
          .catch(function () { if (mine === latest) preview.textContent = 'The preview is not available right now.'; });
      };
      area.addEventListener('input', function () {
        clearTimeout(timer);
        timer = setTimeout(render, 300);
      });
      render();
    });
  });
})();
