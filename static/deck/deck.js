/* Start reveal.js with the deck's options (from its front matter) and the
 * plugins the page loaded before this script.
 *
 * Ours go after reveal.js's own, in the order they start: deck-fit first, so
 * the slides are fitted before they are shown and before the others start;
 * then deck-code (code steps, copy buttons), deck-live (live reload, when the
 * page has it) and deck-follow (on follow pages), last. Each starts once the
 * deck is ready. deck-deeplink (deep links in the scroll view), deck-access
 * (what a screen reader hears, reduced motion, the speaker view's styles) and
 * deck-join (the join code, on the presenter's page) only add keys or wait
 * for "ready", so they go first.
 *
 * The one entry point, window.deckReady, is Reveal.initialize()'s Promise:
 * resolved once the deck is ready.
 */
(function () {
  "use strict";
  var element = document.getElementById("deck-options");
  var options = element ? JSON.parse(element.textContent) : {};
  // deck-math and deck-diagrams (on pages with math or diagrams) draw before
  // the deck is ready, so deck-fit starts on slides that are drawn.
  var first = [window.deckDeepLink, window.deckAccess, window.deckJoin];
  var drawing = [window.deckMath, window.deckDiagrams];
  var ours = first
    .concat(drawing, [window.deckFit, window.deckCode, window.deckLive, window.deckFollow])
    .filter(Boolean);
  // Big decks only: window.js keeps far slides out of the DOM (it starts first).
  if (window.deckWindow) {
    options = window.deckWindow.options(options);
    ours.unshift(window.deckWindow);
  }
  options.plugins = [RevealNotes, RevealSearch, RevealZoom].concat(ours);
  // A plugin may need reveal.js options of its own (follow mode: the slide view).
  ours.forEach(function (plugin) {
    if (plugin.revealOptions) Object.assign(options, plugin.revealOptions);
  });
  window.deckReady = Reveal.initialize(options);
})();
