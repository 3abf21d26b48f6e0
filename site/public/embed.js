/*
 * Ta Steget: the registration form on a municipal website.
 *   <script src="https://tasteget.nu/embed.js" data-kommun="are" defer></script>
 * (add data-lang="en" for the English form) inserts the form as an iframe where the script tag stands and keeps the iframe as tall as the
 * form; after sending, it scrolls the page to the thanks if they are out of view. The municipal
 * site's origin must be configured in the CMS (CORS_ORIGINS).
 */
(function () {
  var script = document.currentScript;
  if (!script) return;
  var portal = new URL(script.src).origin;
  var kommun = script.getAttribute('data-kommun') || '';
  var english = script.getAttribute('data-lang') === 'en';
  var frame = document.createElement('iframe');
  frame.src =
    portal +
    (english ? '/en/embed/register' : '/embed/registrering') +
    (kommun ? '?kommun=' + encodeURIComponent(kommun) : '');
  frame.title =
    script.getAttribute('data-title') ||
    (english
      ? 'Register for relocation guidance – Ta Steget'
      : 'Registrera dig för flyttvägledning – Ta Steget');
  frame.style.width = '100%';
  frame.style.border = '0';
  frame.style.minHeight = '40rem';
  frame.setAttribute('loading', 'lazy');
  script.parentNode.insertBefore(frame, script);
  var sent = false;
  window.addEventListener('message', function (event) {
    if (event.origin !== portal || event.source !== frame.contentWindow) return;
    var data = event.data;
    if (!data || data.type !== 'tasteget:embed-height' || typeof data.height !== 'number') return;
    frame.style.minHeight = '0';
    frame.style.height = Math.ceil(data.height) + 'px';
    // Once sent, the short thanks replace a long form: the visitor may be scrolled far past them.
    if (data.sent === true && !sent) {
      sent = true;
      var top = frame.getBoundingClientRect().top;
      if (top < 0 || top > window.innerHeight) {
        var still = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
        frame.scrollIntoView({ block: 'start', behavior: still ? 'auto' : 'smooth' });
      }
    }
  });
})();
