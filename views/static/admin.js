// prisma-admin: small progressive enhancements. Every page works without this file.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    // Move focus to the error summary of a rejected form, so screen readers announce it.
    var errors = document.getElementById('form-errors');
    if (errors) {
      var firstInvalid = document.querySelector('[aria-invalid="true"]');
      (firstInvalid || errors).focus();
    }

    // Select all rows of the list page.
    var all = document.getElementById('select-all');
    if (all) {
      all.hidden = false;
      all.addEventListener('change', function () {
        document.querySelectorAll('input[name="_selected"]').forEach(function (box) { box.checked = all.checked; });
      });
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
      input.placeholder = 'Type to search';
      input.after(list);
      var timer = null;
      input.addEventListener('input', function () {
        clearTimeout(timer);
        timer = setTimeout(function () {
          fetch(url + '?q=' + encodeURIComponent(input.value), { headers: { accept: 'application/json' }, credentials: 'same-origin' })
            .then(function (r) { return r.ok ? r.json() : { results: [] }; })
            .then(function (data) {
              list.textContent = '';
              data.results.forEach(function (option) {
                var li = document.createElement('li');
                li.setAttribute('role', 'option');
                li.textContent = option.label;
                li.addEventListener('click', function () {
                  input.value = option.value;
                  var current = box.querySelector('.autocomplete-current');
                  if (!current) { current = document.createElement('span'); current.className = 'autocomplete-current'; list.after(current); }
                  current.textContent = 'Selected: ' + option.label;
                  list.hidden = true;
                  input.setAttribute('aria-expanded', 'false');
                });
                list.appendChild(li);
              });
              list.hidden = data.results.length === 0;
              input.setAttribute('aria-expanded', String(!list.hidden));
            });
        }, 200);
      });
    });
  });
})();
