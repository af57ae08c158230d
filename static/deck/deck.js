/* Start reveal.js with the deck's options (from its front matter). */
(function () {
  "use strict";
  var element = document.getElementById("deck-options");
  var options = element ? JSON.parse(element.textContent) : {};
  options.plugins = [RevealNotes, RevealSearch, RevealZoom];
  window.deckReady = Reveal.initialize(options);
  // Fit slides that are too big as soon as reveal has laid them out.
  if (window.deckFit) window.deckFit.attach(Reveal);
})();
