// Newsletter sign-up forms: inline validation and submission. Without this script the forms
// still work (a normal POST and a result page). No inline script anywhere (CSP).
(function () {
  "use strict";
  // Messages come from the form (translated there, in the edition's language); English if absent.
  function says(form, name, english) {
    return form.getAttribute("data-msg-" + name) || english;
  }
  var BAD_ADDRESS = "Please, enter correct email address";
  // A sanity check only; the server decides (length, IDN domains, syntax).
  var ADDRESS = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

  function showError(form, message) {
    var input = form.querySelector("input[name=email]");
    var error = form.querySelector("[data-error]");
    error.textContent = message;
    error.hidden = !message;
    if (message) {
      input.setAttribute("aria-invalid", "true");
    } else {
      input.removeAttribute("aria-invalid");
    }
  }

  function valid(form) {
    var value = form.querySelector("input[name=email]").value.trim();
    return value.length > 0 && value.length <= 254 && ADDRESS.test(value);
  }

  function succeed(form, message) {
    var success = form.querySelector("[data-success]");
    form.querySelectorAll(".nl-form__field, .nl-form__button, .nl-form__required").forEach(function (el) {
      el.hidden = true;
    });
    success.textContent = message;
    success.hidden = false;
  }

  function submit(form) {
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().catch(function () {
          return { ok: false, message: says(form, "failed", "Something went wrong. Please try again.") };
        });
      })
      .then(function (data) {
        if (data.ok) {
          succeed(form, data.message);
        } else {
          showError(form, data.message || says(form, "invalid", BAD_ADDRESS));
        }
      })
      .catch(function () {
        form.submit(); // the network failed: fall back to a normal POST
      })
      .finally(function () {
        button.disabled = false;
      });
  }

  document.querySelectorAll("form[data-newsletter-form]").forEach(function (form) {
    var input = form.querySelector("input[name=email]");
    input.addEventListener("blur", function () {
      if (input.value.trim()) showError(form, valid(form) ? "" : says(form, "invalid", BAD_ADDRESS));
    });
    input.addEventListener("input", function () {
      if (input.getAttribute("aria-invalid") && valid(form)) showError(form, "");
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!valid(form)) {
        showError(form, says(form, "invalid", BAD_ADDRESS));
        input.focus();
        return;
      }
      showError(form, "");
      submit(form);
    });
  });
})();
