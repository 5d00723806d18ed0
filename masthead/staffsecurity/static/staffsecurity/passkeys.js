// After a passkey is added, show it in the list (django-otp-webauthn fires this event).
document.addEventListener("otp_webauthn.register_complete", () => {
  window.location.reload();
});
