/* Accessibility on every deck page: what a screen reader hears on a slide
 * change, motion for those who asked for less, and the speaker view's own
 * stylesheet and language.
 *
 * - reveal.js reads a whole slide into its live region (.aria-status) on
 *   every change: a screen reader then recites every bullet while the
 *   presenter talks. This plugin silences that region and announces the
 *   slide's title and place instead ("Why cache? (slide 2 of 9)"); the slide
 *   itself stays readable as usual.
 * - With prefers-reduced-motion, slide and background transitions are off
 *   (deck.js merges revealOptions below over the deck's options; access.css
 *   stops the CSS transitions reveal.js runs without options).
 * - reveal.js's notes plugin writes the speaker view into a new window with
 *   its own styles, which lay it out in absolute boxes that overlap on a
 *   tablet or a phone, and `<html lang="en">`. When that window says it is
 *   connected, this adds speaker.css to it, gives it the deck's lang/dir
 *   (reveal.js offers no option for either) and names its previews and its
 *   layout picker.
 *
 * A reveal.js plugin (id "deck-access"), registered by deck.js; its entry
 * point is window.deckAccess.
 */
(function () {
  "use strict";

  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function slideTitle(slide) {
    var heading = slide.querySelector("h1, h2, h3, h4, h5, h6");
    var text = (heading ? heading.textContent : "").replace(/\s+/g, " ").trim();
    if (text) return text;
    // No heading: the slide's first words (without its notes), not all of it.
    var clone = slide.cloneNode(true);
    clone.querySelectorAll("aside.notes, script, style").forEach(function (node) {
      node.remove();
    });
    text = clone.textContent.replace(/\s+/g, " ").trim();
    return text.length > 80 ? text.slice(0, 79) + "…" : text;
  }

  /* How many slides come before this one. reveal.js counts them from its
     stacks, which its scroll view takes apart. */
  function number(deck, slide) {
    if (!deck.isScrollView()) return deck.getSlidePastCount();
    var all = deck.getSlidesElement().querySelectorAll(".scroll-page section");
    return Math.max(0, Array.prototype.indexOf.call(all, slide));
  }

  function announcer(deck) {
    var region = document.createElement("div");
    region.className = "deck-announce";
    region.setAttribute("aria-live", "polite");
    region.setAttribute("aria-atomic", "true");
    deck.getRevealElement().appendChild(region);
    var quiet = deck.getRevealElement().querySelector(".aria-status");
    if (quiet) {
      quiet.setAttribute("aria-live", "off");
      quiet.setAttribute("aria-hidden", "true");
    }
    return function announce() {
      var slide = deck.getCurrentSlide();
      if (!slide) return;
      var place = "slide " + (number(deck, slide) + 1) + " of " + deck.getTotalSlides();
      var title = slideTitle(slide);
      region.textContent = title ? title + " (" + place + ")" : place;
    };
  }

  /* reveal.js's scroll view (phones) scrolls the page's body, which cannot
     take focus: keyboard users could not scroll it once focus left it. */
  function scrollableByKeyboard(deck) {
    var viewport = deck.getViewportElement();
    if (deck.isScrollView() && !viewport.hasAttribute("tabindex")) viewport.setAttribute("tabindex", "0");
  }

  function styleSpeakerView(speaker) {
    var doc;
    try {
      doc = speaker.document;
    } catch (error) {
      return; // another origin: not ours to touch
    }
    if (!doc || !doc.head || doc.getElementById("deck-speaker-css")) return;
    doc.documentElement.lang = document.documentElement.lang;
    doc.documentElement.dir = document.documentElement.dir;
    // The page carries speaker.css as a stylesheet for no medium (so that an
    // export copies it, and a single-file export inlines it as <style>).
    var source = document.getElementById("deck-speaker-css");
    if (!source) return;
    var copy;
    if (source.tagName === "STYLE") {
      copy = doc.createElement("style");
      copy.textContent = source.textContent;
    } else {
      copy = doc.createElement("link");
      copy.rel = "stylesheet";
      copy.href = source.href; // absolute: the speaker window is about:blank
    }
    copy.id = "deck-speaker-css";
    doc.head.appendChild(copy);
    // Names the speaker view's own markup lacks, for a screen reader.
    [
      ["#current-slide iframe", "title", "Current slide"],
      ["#upcoming-slide iframe", "title", "Upcoming slide"],
      ["#speaker-layout select", "aria-label", "Speaker view layout"],
    ].forEach(function (item) {
      var element = doc.querySelector(item[0]);
      if (element) element.setAttribute(item[1], item[2]);
    });
  }

  function watchSpeakerView() {
    window.addEventListener("message", function (event) {
      if (typeof event.data !== "string" || event.data.indexOf("reveal-notes") < 0) return;
      var data;
      try {
        data = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      if (data && data.namespace === "reveal-notes" && data.type === "connected" && event.source) {
        styleSpeakerView(event.source);
      }
    });
  }

  function init(deck) {
    if (!deck.isSpeakerNotes()) watchSpeakerView();
    deck.on("ready", function () {
      var announce = announcer(deck);
      deck.on("slidechanged", announce);
      scrollableByKeyboard(deck);
      deck.on("resize", function () {
        scrollableByKeyboard(deck);
      });
    });
  }

  window.deckAccess = {
    id: "deck-access",
    init: init,
    revealOptions: reduceMotion ? { transition: "none", backgroundTransition: "none" } : {},
  };
})();
