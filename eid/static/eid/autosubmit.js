// Sends the SAML form on by itself; without JavaScript the citizen presses the button.
document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
  form.submit();
});
