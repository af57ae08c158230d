/* Fit every slide's content into the slide: when to fit.
 *
 * How one slide is measured and shrunk is fit-slide.js's; what the author is
 * told (badges, report()) is fit-report.js's. This file decides when:
 * the current slide right away (as the deck becomes ready, on a slide
 * change: before it is painted), the slides reveal keeps displayed around it
 * soon after, in idle time; everything again after a resize, fonts arriving
 * or a live edit; a slide again when a picture or video on it changes size
 * (before that frame is painted); every slide, page by page, in print view.
 * Hidden fragments keep their place in the layout, so a slide is fitted
 * with all of them shown and nothing moves as they appear.
 *
 * A reveal.js plugin; deck.js registers it first, so every other plugin
 * starts on fitted slides. Its one entry point, window.deckFit, is the plugin
 * object: other plugins reach it as deck.getPlugin("deck-fit"), and
 * `manage.py check_layout`, the tests and the benchmarks call
 *   report()        fit every slide and say how each came out,
 *   whenSettled()   a Promise: the slides around the current one are fitted,
 *   refit()         everything is stale (the slides' contents changed),
 *   result(section) how one slide came out, null if not fitted yet,
 * and read config (the options in #deck-fit) and stats (time spent fitting).
 * fit-slide.js and fit-report.js load after this file and attach their parts
 * to it (deckFit.slide, deckFit.reporter), read here when the deck starts.
 */
(function () {
  "use strict";

  var DEFAULTS = { enabled: true, minFontPx: 9, comfortFontPx: 20, file: "" };
  var NEIGHBOURS = 10; // reveal's view distance in the overview, its largest
  var MEDIA = "img, video, iframe, object, embed";

  var config = readConfig();
  var deck = null; // the reveal.js deck this plugin was given
  var slide = null; // fit-slide.js: measuring and fitting one slide
  var reporter = null; // fit-report.js, for this deck: badges and descriptions
  var states = new WeakMap(); // section -> result of its last fit
  var generation = 0; // bumped when every fit goes stale (resize, fonts, refit)
  var queued = false;
  var reporting = false; // report() was asked for: measure opted-out slides too
  var settledWaiters = [];
  var stats = { slides: 0, ms: 0 }; // time spent fitting, for the benchmark
  var mediaObserver = null; // ResizeObserver of every picture and video on the slides
  var observed = new WeakSet(); // the media it watches
  var mediaSizes = new WeakMap(); // medium -> its size when last reported

  function readConfig() {
    var element = document.getElementById("deck-fit");
    var options = {};
    try {
      options = element ? JSON.parse(element.textContent) : {};
    } catch (error) {
      console.error("deck-fit: unreadable options", error);
    }
    var merged = {};
    Object.keys(DEFAULTS).forEach(function (key) {
      merged[key] = key in options ? options[key] : DEFAULTS[key];
    });
    var root = document.querySelector(".reveal");
    merged.badges = !!(root && root.hasAttribute("data-layout-badges")); // see init()
    return merged;
  }

  function slideSize() {
    var size = deck.getComputedSlideSize();
    return { width: size.width, height: size.height };
  }

  function leafSlides() {
    return Array.prototype.filter.call(
      deck.getSlidesElement().querySelectorAll("section"),
      slide.isLeaf,
    );
  }

  function fitSlide(section) {
    var started = performance.now();
    var size = slideSize();
    var options = {
      enabled: config.enabled,
      minFontPx: config.minFontPx,
      comfortFontPx: config.comfortFontPx,
      measureOff: config.badges || reporting,
    };
    var result = slide.whileDisplayed(section, function () {
      var outcome = slide.fit(section, size, options);
      placeVertically(section, size);
      return outcome;
    });
    stats.slides++;
    stats.ms += performance.now() - started;
    result.gen = generation;
    states.set(section, result);
    reporter.show(section, result);
    return result;
  }

  /* reveal centres a slide from its scrollHeight when it lays out; do the
   * same now that the height changed, so the slide need not wait for it. */
  function placeVertically(section, size) {
    if (deck.isPrintView() || deck.isScrollView()) return;
    if (!slide.isLeaf(section)) return;
    if (!(deck.getConfig().center || section.classList.contains("center"))) return;
    slide.centre(section, size.height);
  }

  function isStale(section) {
    var state = states.get(section);
    return !state || state.gen !== generation;
  }

  /* Stale slides reveal shows around the current one. reveal displays at
   * most 10 stacks either side (in the overview), so only those are looked
   * at: a long deck costs no more per step than a short one. */
  function displayedStale() {
    var stacks = deck.getHorizontalSlides();
    // Its place among the stacks in the DOM (window.js may hold fewer than all).
    var current = deck.getCurrentSlide();
    var top = current && current.parentNode.tagName === "SECTION" ? current.parentNode : current;
    var here = Math.max(stacks.indexOf(top), 0);
    var out = [];
    var from = Math.max(here - NEIGHBOURS, 0);
    var to = Math.min(here + NEIGHBOURS, stacks.length - 1);
    for (var h = from; h <= to; h++) {
      var stack = stacks[h];
      if (!slide.isDisplayed(stack)) continue;
      var slides = slide.isLeaf(stack) ? [stack] : stack.querySelectorAll(":scope > section");
      for (var i = 0; i < slides.length; i++) {
        if (isStale(slides[i]) && slide.isDisplayed(slides[i])) out.push(slides[i]);
      }
    }
    return out;
  }

  function fitCurrent() {
    var current = deck.getCurrentSlide();
    if (current && slide.isLeaf(current) && isStale(current)) fitSlide(current);
  }

  /* The slides reveal keeps around the current one, a few per frame. */
  function queueDisplayed() {
    if (queued) return;
    queued = true;
    idle(function step(deadline) {
      var pending = displayedStale();
      // Only in time the browser has to spare: a step never delays a frame.
      while (pending.length && (deadline.didTimeout || deadline.timeRemaining() > 3)) {
        fitSlide(pending.shift());
      }
      if (pending.length) {
        idle(step);
        return;
      }
      queued = false;
      settle();
    });
  }

  function idle(callback) {
    if (window.requestIdleCallback) {
      window.requestIdleCallback(callback, { timeout: 1000 });
      return;
    }
    setTimeout(function () {
      var started = performance.now();
      callback({
        didTimeout: false,
        timeRemaining: function () { return Math.max(0, 10 - (performance.now() - started)); },
      });
    }, 16);
  }

  function settle() {
    if (queued || (document.fonts && document.fonts.status !== "loaded")) return;
    var waiters = settledWaiters;
    settledWaiters = [];
    waiters.forEach(function (resolve) { resolve(); });
  }

  /* Everything stale again: after a resize, fonts arriving, a live edit. */
  function refit() {
    if (!deck || !deck.isReady()) return;
    generation++;
    publishSlideSize();
    if (deck.isPrintView()) {
      fitPrint();
      return;
    }
    observeMedia();
    fitCurrent();
    queueDisplayed();
  }

  /* Print view puts each slide on its own page before this runs: refit them
   * all, then give each page back the height and centring of a fitted slide. */
  function fitPrint() {
    var cfg = deck.getConfig();
    var size = deck.getComputedSlideSize(window.innerWidth, window.innerHeight);
    var pageHeight = Math.floor(size.height * (1 + cfg.margin));
    leafSlides().forEach(function (section) {
      var result = fitSlide(section);
      if (result.status === "fits" || result.status === "off") return;
      var page = section.closest(".pdf-page");
      if (!page) return;
      var height = section.scrollHeight;
      var pages = Math.max(Math.ceil(height / pageHeight), 1);
      page.style.height = (pageHeight + cfg.pdfPageHeightOffset) * pages + "px";
      if (pages === 1 && (cfg.center || section.classList.contains("center"))) {
        section.style.top = Math.max((pageHeight - height) / 2, 0) + "px";
      }
    });
  }

  /* Fit every slide, shown or not, and say how each one came out. */
  function report() {
    generation++;
    reporting = true;
    return leafSlides().map(function (section) {
      return reporter.describe(section, fitSlide(section));
    });
  }

  function whenSettled() {
    return new Promise(function (resolve) {
      settledWaiters.push(resolve);
      if (!queued) queueDisplayed();
    });
  }

  function result(section) {
    var state = states.get(section);
    return state ? reporter.describe(section, state) : null;
  }

  var resizeTimer = null;
  function onResize() {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(refit, 100);
  }

  /* A picture's size is known from its first bytes, long before its load
   * event; a video has no load event at all (its size comes with its
   * metadata); reveal gives a lazy one its src when its slide comes near.
   * Each makes its slide bigger than when it was fitted, and words past the
   * slide's edge are not shown until it is fitted again: words missing from
   * the slide for as long as the rest of the file takes, or for good.
   * A ResizeObserver reports the new size after layout and before the frame
   * is painted: the current slide is fitted right there, so nobody ever sees
   * it overflow; the others are marked stale and fitted in idle time (or at
   * once when they become current). Zooming a slide leaves its media's own
   * sizes as they are (zoom is applied above them), so fitting does not
   * report itself. */
  function observeMedia() {
    if (!window.ResizeObserver) return;
    if (!mediaObserver) mediaObserver = new ResizeObserver(onMediaResize);
    var media = deck.getSlidesElement().querySelectorAll(MEDIA);
    for (var i = 0; i < media.length; i++) {
      // Observing one again would report it again: only new ones (live edits).
      if (observed.has(media[i])) continue;
      observed.add(media[i]);
      mediaObserver.observe(media[i]);
    }
  }

  function onMediaResize(entries) {
    var current = deck.getCurrentSlide();
    var stale = false;
    var fitNow = false;
    entries.forEach(function (entry) {
      var rect = entry.contentRect;
      // Nothing to fit while reveal hides its slide (display: none, far from
      // the current one): its size is back when the slide is shown again.
      if (!rect.width && !rect.height) return;
      var size = rect.width + "x" + rect.height;
      var before = mediaSizes.get(entry.target);
      mediaSizes.set(entry.target, size);
      if (before === size) return;
      // The first report comes with the frame after observe(): the slide may
      // have been fitted before its medium had that size.
      var section = entry.target.closest("section");
      if (!section || !states.has(section) || !section.isConnected) return;
      states.delete(section);
      stale = true;
      if (section === current) fitNow = true;
    });
    if (fitNow) fitSlide(current);
    if (stale) queueDisplayed();
  }

  /* reveal fades a fragment in (opacity and visibility, 0.2 s) whenever it
   * becomes visible: also when a slide change brings it in already shown
   * (going back, a deep link, a follower catching up). The slide is there,
   * the fragment's words are not: at the first instant they are
   * visibility: hidden. Not fitting, but this plugin is the one that makes a
   * slide's words appear at once: fragments that come with the slide appear
   * with it (fit.css), the next ones still fade in as the presenter steps. */
  function showFragmentsAtOnce(section) {
    if (!section || !section.querySelector(".fragment")) return;
    section.classList.add("deck-fragments-at-once");
    // Two frames: the first paints the slide with its fragments as they are.
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        section.classList.remove("deck-fragments-at-once");
      });
    });
  }

  function onImageLoad(event) {
    if (mediaObserver) return; // sizes are watched instead: see observeMedia
    var target = event.target;
    if (!target || !/^(IMG|VIDEO|IFRAME)$/.test(target.tagName)) return;
    var section = target.closest("section");
    if (!section) return;
    states.delete(section);
    if (section === deck.getCurrentSlide()) fitSlide(section);
    queueDisplayed();
  }

  /* Pictures are bounded in slide pixels (fit.css): tell CSS the slide size. */
  function publishSlideSize() {
    var size = slideSize();
    var slides = deck.getSlidesElement();
    slides.style.setProperty("--deck-slide-width", size.width + "px");
    slides.style.setProperty("--deck-slide-height", size.height + "px");
  }

  function start() {
    // Fitting off for the deck and no badges: nothing to do at all.
    if (!config.enabled && !config.badges) return;
    var slides = deck.getSlidesElement();
    publishSlideSize();
    if (deck.isPrintView()) {
      deck.on("pdf-ready", refit);
      return;
    }
    refit();
    deck.on("slidechanged", function (event) {
      showFragmentsAtOnce(event.currentSlide);
      fitCurrent();
      reporter.updateBadge();
      queueDisplayed();
    });
    deck.on("overviewshown", queueDisplayed);
    deck.on("resize", onResize);
    window.addEventListener("resize", onResize);
    slides.addEventListener("load", onImageLoad, true);
    if (document.fonts && document.fonts.status !== "loaded") {
      document.fonts.ready.then(refit);
    }
  }

  /* reveal.js calls this once, before it lays the slides out; the first fit
   * runs as the deck becomes ready, before the slides are shown. */
  function init(revealDeck) {
    if (!plugin.slide || !plugin.reporter) {
      throw new Error("deck-fit: fit-slide.js and fit-report.js must load after fit.js");
    }
    deck = revealDeck;
    slide = plugin.slide;
    reporter = plugin.reporter(deck, config, states);
    // No badges in the speaker view's previews: the small one of the next
    // slide would be half covered, and the main window says it already.
    if (deck.isSpeakerNotes()) config.badges = false;
    if (deck.isReady()) start();
    else deck.on("ready", start);
  }

  var plugin = (window.deckFit = {
    id: "deck-fit",
    init: init,
    config: config,
    stats: stats,
    refit: refit,
    report: report,
    whenSettled: whenSettled,
    result: result,
  });
})();
