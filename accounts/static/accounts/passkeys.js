// Naming a new passkey (accounts/templates/accounts/mfa/_passkey_register.html). The
// plugin's script registers it and says so with an event; this posts the name typed beside
// the button, with the new passkey's id, to accounts:passkey_name (a plain form, so the
// server answers with a page: the list, or a first passkey's recovery codes).
document.addEventListener("otp_webauthn.register_complete", (event) => {
  const form = event.target.closest("form[data-passkey-name]");
  if (!form) {
    return;
  }
  form.elements.namedItem("passkey").value = String(event.detail.id);
  form.submit();
});

// Enter in the name field starts the registration instead of posting a form that names no
// passkey yet.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.matches("form[data-passkey-name]") && !form.elements.namedItem("passkey").value) {
    event.preventDefault();
    form.querySelector("#passkey-register-button")?.click();
  }
});
