/*
 * Ta Steget: the registration form on a municipal website.
 *   <script src="https://tasteget.nu/embed.js" data-kommun="are" defer></script>
 * (data-kommun: the municipality's slug or name, e.g. "are" or "Åre"; add data-lang="en" for the English form) inserts the form as an iframe where the script tag stands and keeps the iframe as tall as the
 * form; after sending, it scrolls the page to the thanks if they are out of view. The municipal
 * site's origin must be configured in the CMS (CORS_ORIGINS). Where the form cannot show (a site
 * not configured, whose frame the portal refuses, or a portal out of reach), the visitor gets a
 * link to the form on the portal instead of an empty box, and the console says why.
 */
(function () {
  var script = document.currentScript;
  if (!script) return;
  var portal = new URL(script.src).origin;
  // "Åre", "Östersund" or "krokom": the municipality's name as written, or its slug.
  var kommun = (script.getAttribute('data-kommun') || '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
  var english = script.getAttribute('data-lang') === 'en';
  // A page of the portal's, with the municipality preselected.
  var portalPage = function (path) {
    return portal + path + (kommun ? '?kommun=' + encodeURIComponent(kommun) : '');
  };
  var frame = document.createElement('iframe');
  frame.src = portalPage(english ? '/en/embed/register' : '/embed/registrering');
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
  var heard = false;
  // A refused frame still fires `load` (with the browser's error page in it), but never reports
  // its height: a frame silent for a while after loading did not get the form.
  frame.addEventListener('load', function () {
    setTimeout(function () {
      if (heard || !frame.parentNode) return;
      var fallback = document.createElement('p');
      var link = document.createElement('a');
      link.href = portalPage(english ? '/en/register' : '/registrering');
      link.textContent =
        (english ? 'Register for relocation guidance at ' : 'Registrera dig för flyttvägledning på ') +
        new URL(portal).host;
      fallback.appendChild(
        document.createTextNode(
          english ? 'The form could not be shown here. ' : 'Formuläret kunde inte visas här. ',
        ),
      );
      fallback.appendChild(link);
      frame.parentNode.replaceChild(fallback, frame);
      if (window.console) {
        console.warn(
          'Ta Steget: the registration form did not load in its frame. Is ' +
            location.origin +
            ' among the websites the region allows (CORS_ORIGINS)?',
        );
      }
    }, 4000);
  });
  window.addEventListener('message', function (event) {
    if (event.origin !== portal || event.source !== frame.contentWindow) return;
    var data = event.data;
    if (!data || data.type !== 'tasteget:embed-height' || typeof data.height !== 'number') return;
    if (!heard && typeof data.unknownKommun === 'string' && window.console) {
      console.warn(
        'Ta Steget: data-kommun="' +
          data.unknownKommun +
          '" names no municipality, so none is preselected. Use one of: ' +
          (Array.isArray(data.knownKommuner) ? data.knownKommuner.join(', ') : '') +
          '.',
      );
    }
    heard = true;
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
