/* Fit every slide's content into the slide.
 *
 * A slide whose content is taller or wider than the slide (reveal's
 * width x height, 960x700 by default) has its content wrapped in
 * <div class="deck-fit"> and that wrapper gets a CSS `zoom` below 1. Zoom,
 * unlike a transform, changes layout: text reflows into the width the
 * shrinking frees, and reveal's own centring (which reads the section's
 * scrollHeight) sees the fitted height. All measuring happens in the slide's
 * own pixels, so the result does not depend on the window size.
 *
 * Text is never shrunk below the floor (config.minFontPx, slide pixels).
 * A slide that cannot fit at the floor stays at the floor, starts at the top
 * of the slide, and is reported: in DEBUG as a badge in the window's corner
 * while it is shown (and an outline in the overview), and in
 * window.deckFit.report() (what `manage.py check_layout` prints).
 *
 * Fitting is lazy: the current slide right away (before it is painted), the
 * slides reveal keeps displayed around it soon after. Hidden fragments keep
 * their place in the layout, so a slide is fitted with all of them shown and
 * nothing moves as they appear.
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
 */
(function () {
  "use strict";

  var DEFAULTS = { enabled: true, minFontPx: 9, comfortFontPx: 20, file: "" };
  var LOWEST_ZOOM = 0.05; // for slides with no text at all (a picture)
  var PRECISION = 0.01;
  var NEIGHBOURS = 10; // reveal's view distance in the overview, its largest
  var INSET = 0.01; // of the slide's height, above and below a shrunk slide
  var SKIP_TEXT_IN = { SCRIPT: 1, STYLE: 1, NOSCRIPT: 1, TEMPLATE: 1, ASIDE: 1 };

  var config = readConfig();
  var deck = null; // the deck.js deck this plugin was given
  var states = new WeakMap(); // section -> result of its last fit
  var generation = 0; // bumped when every fit goes stale (resize, fonts, refit)
  var queued = false;
  var reporting = false; // report() was asked for: measure opted-out slides too
  var settledWaiters = [];
  var stats = { slides: 0, ms: 0 }; // time spent fitting, for the benchmark

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

  function isLeaf(section) {
    return !section.querySelector("section");
  }

  function leafSlides() {
    return Array.prototype.filter.call(
      deck.getSlidesElement().querySelectorAll("section"),
      isLeaf,
    );
  }

  function hasStretch(section) {
    return Array.prototype.some.call(section.children, function (child) {
      return child.classList.contains("r-stretch") || child.classList.contains("stretch");
    });
  }

  function fitIsOff(section) {
    if (!config.enabled || section.getAttribute("data-fit") === "off") return true;
    // reveal sizes .r-stretch to the room left on the slide: already fitted,
    // and it must stay a direct child of the section.
    return hasStretch(section);
  }

  function isDisplayed(element) {
    return getComputedStyle(element).display !== "none";
  }

  /* reveal hides slides far from the current one; measure them shown. */
  function whileDisplayed(section, measure) {
    var changed = [];
    for (var el = section; el && el.tagName === "SECTION"; el = el.parentElement) {
      if (!isDisplayed(el)) {
        changed.push([el, el.style.display]);
        el.style.display = "block";
      }
    }
    try {
      return measure();
    } finally {
      for (var i = changed.length - 1; i >= 0; i--) changed[i][0].style.display = changed[i][1];
    }
  }

  function wrapperOf(section) {
    var first = section.firstElementChild;
    return first && first.classList.contains("deck-fit") ? first : null;
  }

  function wrap(section) {
    var wrapper = wrapperOf(section);
    if (wrapper) return wrapper;
    wrapper = document.createElement("div");
    wrapper.className = "deck-fit";
    // Speaker notes stay a direct child of the section.
    Array.prototype.slice.call(section.childNodes).forEach(function (node) {
      if (node.nodeType === 1 && node.matches("aside.notes")) return;
      wrapper.appendChild(node);
    });
    section.insertBefore(wrapper, section.firstChild);
    return wrapper;
  }

  function setZoom(wrapper, zoom) {
    wrapper.style.zoom = zoom >= 1 ? "" : String(zoom);
  }

  function overflows(section, size) {
    // One pixel of slack: layout rounds to whole pixels.
    return section.scrollHeight > size.height + 1 || section.scrollWidth > size.width + 1;
  }

  /* The smallest font size (slide pixels, unzoomed) any word on the slide
   * has. Text the author made smaller than the floor on purpose does not
   * count: it cannot shrink, but it need not stop the rest from fitting. */
  function smallestFont(root) {
    var sizes = new Map();
    var smallest = Infinity;
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!/\S/.test(node.data)) continue;
      var parent = node.parentElement;
      if (!parent) continue;
      if (SKIP_TEXT_IN[parent.tagName] || parent.closest("aside.notes")) continue;
      var size = sizes.get(parent);
      if (size === undefined) {
        size = parseFloat(getComputedStyle(parent).fontSize) || Infinity;
        sizes.set(parent, size);
      }
      if (size >= config.minFontPx - 0.01 && size < smallest) smallest = size;
    }
    return smallest;
  }

  /* The largest zoom in [low, high] at which the slide fits; null if none. */
  function largestFitting(section, wrapper, size, low, high, guess) {
    var bottom = low;
    var fits = function (zoom) {
      setZoom(wrapper, zoom);
      return !overflows(section, size);
    };
    if (guess > low && guess < high) {
      if (fits(guess)) low = guess;
      else high = guess;
    }
    if (!fits(low)) return null;
    while (high - low > PRECISION) {
      var middle = (low + high) / 2;
      if (fits(middle)) low = middle;
      else high = middle;
    }
    // Rounded down (it must still fit), but never below the floor.
    return Math.max(Math.floor(low * 1000) / 1000, bottom);
  }

  function fitSlide(section) {
    var started = performance.now();
    var result = whileDisplayed(section, function () {
      return measureAndFit(section);
    });
    stats.slides++;
    stats.ms += performance.now() - started;
    result.gen = generation;
    states.set(section, result);
    showBadge(section, result);
    return result;
  }

  function measureAndFit(section) {
    var size = slideSize();
    var wrapper = wrapperOf(section);
    var result = { status: "fits", scale: 1, needed: 1, smallestFontPx: null };
    if (wrapper) {
      setZoom(wrapper, 1);
      wrapper.removeAttribute("data-fit-scale");
    }
    if (fitIsOff(section)) {
      result.status = "off";
      // Only the author needs to know what an opted-out slide would need:
      // skip the measuring when nobody will be told.
      if ((config.badges || reporting) && overflows(section, size) && !hasStretch(section)) {
        // Not shrunk, by the author's choice; still say what it would need.
        wrapper = wrap(section);
        var wanted = largestFitting(section, wrapper, size, LOWEST_ZOOM, 1, 1);
        setZoom(wrapper, 1);
        result.status = "off-overflows";
        result.needed = wanted === null ? LOWEST_ZOOM : wanted;
      }
      placeVertically(section, size);
      return result;
    }
    if (!overflows(section, size)) {
      placeVertically(section, size);
      return result;
    }
    wrapper = wrap(section);
    // A shrunk slide keeps a small margin above and below: glyphs reach a
    // little past their line boxes, and text flush against the top of the
    // picture reads badly. (Sideways, blocks span the slide's width anyway.)
    var inset = Math.round(INSET * size.height);
    size = { width: size.width, height: size.height - 2 * inset };
    var font = smallestFont(wrapper);
    var floorZoom = font === Infinity ? LOWEST_ZOOM : Math.min(1, config.minFontPx / font);
    // Shrinking without reflow would fit at `guess`; reflow usually does better.
    var guess = Math.min(
      size.width / section.scrollWidth,
      size.height / section.scrollHeight,
    );
    var zoom = largestFitting(section, wrapper, size, floorZoom, 1, guess);
    if (zoom === null) {
      // Stays readable at the floor; find what it would have needed.
      var needed = largestFitting(section, wrapper, size, LOWEST_ZOOM, floorZoom, guess);
      result.status = "cannot-fit";
      result.needed = needed === null ? LOWEST_ZOOM : needed;
      zoom = floorZoom;
    } else {
      result.status = "shrunk";
      result.needed = zoom;
    }
    setZoom(wrapper, zoom);
    wrapper.setAttribute("data-fit-scale", String(zoom));
    result.scale = zoom;
    if (font !== Infinity) {
      result.smallestFontPx = Math.round(font * zoom * 10) / 10;
      if (result.status === "shrunk" && result.smallestFontPx < config.comfortFontPx) {
        result.status = "small";
      }
    }
    placeVertically(section, slideSize());
    return result;
  }

  /* reveal centres a slide from its scrollHeight when it lays out; do the
   * same now that the height changed, so the slide need not wait for it. */
  function placeVertically(section, size) {
    if (deck.isPrintView() || deck.isScrollView()) return;
    if (!isLeaf(section) || !(deck.getConfig().center || section.classList.contains("center"))) {
      return;
    }
    section.style.top = Math.max((size.height - section.scrollHeight) / 2, 0) + "px";
  }

  function label(section) {
    var indices = deck.getIndices(section);
    var number = String(indices.h + 1);
    if (section.parentElement && section.parentElement.tagName === "SECTION") {
      number += "." + ((indices.v || 0) + 1);
    }
    return number;
  }

  function describe(section, result) {
    return {
      file: config.file,
      line: parseInt(section.getAttribute("data-line"), 10) || null,
      slide: label(section),
      status: result.status,
      scale: result.scale,
      needed: result.needed,
      smallestFontPx: result.smallestFontPx,
      minFontPx: config.minFontPx,
      comfortFontPx: config.comfortFontPx,
    };
  }

  function isReported(result) {
    return result.status === "small" || result.status === "cannot-fit" ||
      result.status === "off-overflows";
  }

  /* Mark the slide (the overview outlines marked slides in DEBUG) and, for
   * the current slide, say in the window's corner, outside the slide's
   * content, what the fit did and where the slide starts in the Markdown. */
  function showBadge(section, result) {
    if (isReported(result)) section.setAttribute("data-fit-status", result.status);
    else section.removeAttribute("data-fit-status");
    if (section === deck.getCurrentSlide()) updateBadge();
  }

  function updateBadge() {
    if (!config.badges) return;
    var root = deck.getRevealElement();
    var badge = root.querySelector(":scope > .deck-fit-badge");
    var current = deck.getCurrentSlide();
    var state = current && states.get(current);
    if (!state || !isReported(state)) {
      if (badge) badge.remove();
      return;
    }
    if (!badge) {
      badge = document.createElement("div");
      badge.setAttribute("role", "status");
      root.appendChild(badge);
    }
    var info = describe(current, state);
    var where = (info.file || "slide") + (info.line ? ":" + info.line : "");
    badge.className = "deck-fit-badge deck-fit-badge--" + state.status;
    if (state.status === "off-overflows") {
      badge.textContent =
        where + " · fitting is off and the slide runs past the edge (it needs scale " +
        info.needed.toFixed(2) + ")";
    } else if (state.status === "cannot-fit") {
      badge.textContent =
        where + " · does not fit: needs scale " + info.needed.toFixed(2) +
        ", text stops at " + config.minFontPx + "px";
    } else {
      badge.textContent =
        where + " · scaled to " + info.scale.toFixed(2) + ", text down to " +
        info.smallestFontPx + "px";
    }
    badge.title = "Shown with DEBUG on only. Split the slide, or opt out with " +
      '<!-- .slide: data-fit="off" -->';
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
    var here = deck.getIndices().h || 0;
    var out = [];
    var from = Math.max(here - NEIGHBOURS, 0);
    var to = Math.min(here + NEIGHBOURS, stacks.length - 1);
    for (var h = from; h <= to; h++) {
      var stack = stacks[h];
      if (!isDisplayed(stack)) continue;
      var slides = isLeaf(stack) ? [stack] : stack.querySelectorAll(":scope > section");
      for (var i = 0; i < slides.length; i++) {
        if (isStale(slides[i]) && isDisplayed(slides[i])) out.push(slides[i]);
      }
    }
    return out;
  }

  function fitCurrent() {
    var current = deck.getCurrentSlide();
    if (current && isLeaf(current) && isStale(current)) fitSlide(current);
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
      return describe(section, fitSlide(section));
    });
  }

  function whenSettled() {
    return new Promise(function (resolve) {
      settledWaiters.push(resolve);
      if (!queued) queueDisplayed();
    });
  }

  var resizeTimer = null;
  function onResize() {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(refit, 100);
  }

  function onImageLoad(event) {
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
    deck.on("slidechanged", function () {
      fitCurrent();
      updateBadge();
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
    deck = revealDeck;
    // No badges in the speaker view's previews: the small one of the next
    // slide would be half covered, and the main window says it already.
    if (deck.isSpeakerNotes()) config.badges = false;
    if (deck.isReady()) start();
    else deck.on("ready", start);
  }

  window.deckFit = {
    id: "deck-fit",
    init: init,
    config: config,
    stats: stats,
    refit: refit,
    report: report,
    whenSettled: whenSettled,
    result: function (section) {
      var state = states.get(section);
      return state ? describe(section, state) : null;
    },
  };
})();
