/* Deep links on phones: `#/3`, `#/3/2`, `#/3/2/1` or a slide's id open that
 * slide in reveal.js's scroll view too.
 *
 * reveal.js 6 turns its scroll view on by itself when the window is at most
 * scrollActivationWidth (435 px) wide: every phone held upright. It switches
 * while it lays the deck out, before it reads the address, so the first
 * scroll sync puts it on the first slide and writes "#/" over the link (the
 * address bar loses it too). This plugin keeps the fragment as the page was
 * opened with (read when this script runs, before reveal.js starts) and, once
 * the deck is ready in the scroll view, scrolls to the slide it names. In the
 * slide view reveal.js reads the link itself, and this plugin does nothing.
 *
 * A reveal.js plugin (id "deck-deeplink"), registered by deck.js; its entry
 * point is window.deckDeepLink. Follow pages never use the scroll view
 * (follow.js), so this never meets follow mode.
 */
(function () {
  "use strict";

  var openedWith = window.location.hash;

  function target(deck) {
    if (!openedWith || openedWith === "#" || openedWith === "#/") return null;
    try {
      return deck.location.getIndicesFromHash(openedWith);
    } catch (error) {
      return null; // not a link reveal.js understands: stay where it put us
    }
  }

  /* reveal.js's own scrollToSlide maps the slide's share of scroll steps
     onto a shorter scroll range and lands a slide or two early on long decks;
     a page's own top is exact. A fragment is a further step of one screen. */
  function scrollTo(deck, place) {
    // The scroll view takes the slides out of their stacks and numbers them.
    var slide = deck
      .getSlidesElement()
      .querySelector('section[data-index-h="' + place.h + '"][data-index-v="' + (place.v || 0) + '"]');
    var page = slide && slide.closest(".scroll-page");
    if (!page) return false;
    var viewport = deck.getViewportElement();
    var steps = typeof place.f === "number" && place.f >= 0 ? place.f + 1 : 0;
    viewport.scrollTop = page.offsetTop + steps * viewport.clientHeight;
    return true;
  }

  /* The scroll view writes no address while one scrolls: keep it on the
     slide in view, so a reload or a shared link opens it again. */
  function keepAddress(deck) {
    var timer = null;
    deck.getViewportElement().addEventListener(
      "scroll",
      function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          if (!deck.isScrollView()) return;
          var hash = deck.location.getHash();
          var wanted = hash === "/" ? "" : "#" + hash;
          if (window.location.hash !== wanted) {
            history.replaceState(null, "", window.location.pathname + window.location.search + wanted);
          }
        }, 200);
      },
      { passive: true }
    );
  }

  function land(deck) {
    if (!deck.isScrollView()) return;
    var place = target(deck);
    var landed = !!place && scrollTo(deck, place);
    keepAddress(deck);
    if (landed) history.replaceState(null, "", window.location.pathname + window.location.search + openedWith);
  }

  function init(deck) {
    deck.on("ready", function () {
      // The scroll view lays its pages out in the same task as "ready":
      // scroll once they have their heights.
      window.requestAnimationFrame(function () {
        land(deck);
      });
    });
  }

  window.deckDeepLink = { id: "deck-deeplink", init: init };
})();
