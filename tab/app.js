// The "Knowledge base" tab. Plain browser JavaScript, no build step.
// Every piece of data goes into the page with textContent or a checked attribute, never as HTML.
(function () {
  'use strict';

  /** How long to wait for Teams before treating the page as opened outside Teams. */
  var TEAMS_INIT_TIMEOUT_MS = 2500;
  var TOKEN_TIMEOUT_MS = 10000;
  var SEARCH_DELAY_MS = 250;

  var THEMES = { default: 'theme-default', dark: 'theme-dark', contrast: 'theme-contrast' };
  var ACTORS = {
    user: 'The user can fix this themselves.',
    admin: 'An admin must act.',
    'microsoft-support': 'Microsoft support must act (an admin opens the request).',
  };
  var AUDIENCES = { user: 'For users', admin: 'For admins' };

  var byId = function (id) {
    return document.getElementById(id);
  };
  var ui = {
    form: byId('search-form'),
    input: byId('search-input'),
    status: byId('status'),
    resultsView: byId('results-view'),
    resultsHeading: byId('results-heading'),
    results: byId('results'),
    topicView: byId('topic-view'),
    back: byId('back-button'),
    title: byId('topic-title'),
    meta: byId('topic-meta'),
    viewButtons: [byId('view-user'), byId('view-admin')],
    cause: byId('topic-cause'),
    fix: byId('topic-fix'),
    actor: byId('topic-actor'),
    escalation: byId('topic-escalation'),
    collectBlock: byId('topic-collect-block'),
    collect: byId('topic-collect'),
    relatedBlock: byId('related-block'),
    related: byId('topic-related'),
    docs: byId('topic-docs'),
    admin: byId('admin-section'),
    adminNotifications: byId('admin-notifications'),
    adminTopTopics: byId('admin-top-topics'),
    adminDeflection: byId('admin-deflection'),
    adminDeflectionTotal: byId('admin-deflection-total'),
  };

  var state = {
    view: 'user',
    topic: null,
    searchSeq: 0,
    topicSeq: 0,
    searchTimer: 0,
    lastOpenedId: null,
    adminReady: false,
  };

  // ---- small DOM helpers -------------------------------------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function topicHref(id) {
    return '#topic=' + encodeURIComponent(id);
  }

  function setStatus(text) {
    ui.status.textContent = text;
  }

  function withTimeout(promise, ms) {
    return new Promise(function (resolve, reject) {
      var timer = setTimeout(function () {
        reject(new Error('timed out'));
      }, ms);
      Promise.resolve(promise).then(
        function (value) {
          clearTimeout(timer);
          resolve(value);
        },
        function (error) {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  function getJson(url, headers) {
    return fetch(url, { headers: Object.assign({ Accept: 'application/json' }, headers || {}), credentials: 'same-origin' }).then(function (response) {
      return response
        .json()
        .catch(function () {
          return {};
        })
        .then(function (body) {
          return { ok: response.ok, status: response.status, body: body };
        });
    });
  }

  // ---- search and results ------------------------------------------------------------------------------------

  function renderResults(results, query) {
    clear(ui.results);
    ui.resultsHeading.textContent = query ? 'Results for “' + query + '”' : 'All topics';
    results.forEach(function (result) {
      var item = el('li', 'result');
      var link = el('a', 'result-link');
      link.href = topicHref(result.id);
      link.dataset.topicId = result.id;
      link.appendChild(el('span', 'result-title', result.title));
      var meta = el('span', 'result-meta');
      meta.appendChild(el('span', 'badge badge-' + (result.audience === 'admin' ? 'admin' : 'user'), AUDIENCES[result.audience] || result.audience));
      if (result.codes && result.codes.length > 0) meta.appendChild(el('span', 'codes', result.codes.join(' · ')));
      link.appendChild(meta);
      item.appendChild(link);
      ui.results.appendChild(item);
    });
    if (results.length === 0) {
      setStatus(query ? 'No known problem matches “' + query + '”. Try an error code or other words.' : 'The knowledge base is empty.');
    } else {
      setStatus(
        query ? results.length + (results.length === 1 ? ' topic matches.' : ' topics match, best first.') : results.length + ' topics, sorted by title.',
      );
    }
  }

  function search(query) {
    var q = query.trim();
    var seq = ++state.searchSeq;
    var url = q ? '/api/kb/search?q=' + encodeURIComponent(q) : '/api/kb/search';
    setStatus('Searching…');
    return getJson(url)
      .then(function (response) {
        if (seq !== state.searchSeq) return;
        if (!response.ok) {
          clear(ui.results);
          setStatus(
            response.status === 400 ? 'That search is too long: use at most 500 characters.' : 'Search is not available right now. Try again in a moment.',
          );
          return;
        }
        renderResults(Array.isArray(response.body.results) ? response.body.results : [], q);
      })
      .catch(function () {
        if (seq === state.searchSeq) setStatus('Search is not available right now. Check your connection and try again.');
      });
  }

  function scheduleSearch() {
    clearTimeout(state.searchTimer);
    state.searchTimer = setTimeout(function () {
      void search(ui.input.value);
    }, SEARCH_DELAY_MS);
  }

  // ---- topic detail ------------------------------------------------------------------------------------------

  function renderView() {
    var topic = state.topic;
    if (!topic) return;
    var view = state.view;
    ui.viewButtons.forEach(function (button) {
      button.setAttribute('aria-pressed', String(button.dataset.view === view));
    });
    ui.topicView.dataset.view = view;
    ui.cause.textContent = topic.cause[view];
    clear(ui.fix);
    topic.fix[view].forEach(function (step) {
      ui.fix.appendChild(el('li', null, step));
    });
  }

  function renderTopic(topic) {
    state.topic = topic;
    ui.title.textContent = topic.title;
    var meta = [topic.audience === 'admin' ? 'An admin problem' : 'A user problem'];
    if (topic.codes.length > 0) meta.push('Codes: ' + topic.codes.join(', '));
    ui.meta.textContent = meta.join(' · ');

    ui.actor.textContent = ACTORS[topic.escalation.actor] || topic.escalation.actor;
    ui.escalation.textContent = topic.escalation.summary;
    clear(ui.collect);
    topic.escalation.collect.forEach(function (entry) {
      ui.collect.appendChild(el('li', null, entry));
    });
    ui.collectBlock.hidden = topic.escalation.collect.length === 0;

    clear(ui.related);
    topic.related.forEach(function (related) {
      var item = el('li');
      var link = el('a', null, related.title);
      link.href = topicHref(related.id);
      item.appendChild(link);
      ui.related.appendChild(item);
    });
    ui.relatedBlock.hidden = topic.related.length === 0;

    // Only a documentation link over https becomes a link.
    if (typeof topic.source.url === 'string' && /^https:\/\//i.test(topic.source.url)) {
      ui.docs.href = topic.source.url;
      ui.docs.textContent = 'Microsoft documentation: ' + topic.source.section;
      ui.docs.parentElement.hidden = false;
    } else {
      ui.docs.removeAttribute('href');
      ui.docs.parentElement.hidden = true;
    }
    renderView();
  }

  function showResults() {
    state.topic = null;
    ui.topicView.hidden = true;
    ui.resultsView.hidden = false;
    ui.form.hidden = false;
    ui.admin.hidden = !state.adminReady;
    if (state.lastOpenedId) {
      var links = ui.results.querySelectorAll('a[data-topic-id]');
      for (var i = 0; i < links.length; i++) {
        if (links[i].dataset.topicId === state.lastOpenedId) {
          links[i].focus();
          break;
        }
      }
    }
  }

  function openTopic(id) {
    var seq = ++state.topicSeq;
    setStatus('Loading…');
    return getJson('/api/kb/topics/' + encodeURIComponent(id))
      .then(function (response) {
        if (seq !== state.topicSeq) return;
        if (!response.ok) {
          setStatus(response.status === 404 ? 'That topic does not exist.' : 'The topic could not be loaded. Try again in a moment.');
          showResults();
          return;
        }
        state.lastOpenedId = id;
        renderTopic(response.body);
        ui.resultsView.hidden = true;
        ui.form.hidden = true;
        ui.admin.hidden = true;
        ui.topicView.hidden = false;
        setStatus('');
        ui.title.focus();
      })
      .catch(function () {
        if (seq === state.topicSeq) setStatus('The topic could not be loaded. Check your connection and try again.');
      });
  }

  function route() {
    var match = /^#topic=(.+)$/.exec(window.location.hash);
    if (match) {
      var id;
      try {
        id = decodeURIComponent(match[1]);
      } catch (error) {
        id = '';
      }
      void openTopic(id);
    } else {
      showResults();
    }
  }

  function goBack() {
    if (window.location.hash) {
      // Keeps the browser's back button and ours in step.
      history.pushState(null, '', window.location.pathname + window.location.search);
    }
    showResults();
  }

  // ---- Teams -------------------------------------------------------------------------------------------------

  function applyTheme(theme) {
    var wanted = THEMES[theme] || THEMES.default;
    Object.keys(THEMES).forEach(function (key) {
      document.body.classList.toggle(THEMES[key], THEMES[key] === wanted);
    });
  }

  function formatTime(iso) {
    var date = new Date(iso);
    return isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
  }

  /** "75% (3 resolved, 1 escalated, 0 abandoned, 2 open)": the share of ended cases the bot resolved alone. */
  function deflectionText(counts) {
    var rate = typeof counts.rate === 'number' ? Math.round(counts.rate * 100) + '%' : 'no case ended yet';
    return rate + ' (' + counts.resolved + ' resolved, ' + counts.escalated + ' escalated, ' + counts.abandoned + ' abandoned, ' + counts.open + ' open)';
  }

  function renderDeflection(deflection) {
    clear(ui.adminDeflection);
    ui.adminDeflectionTotal.textContent = deflection ? 'All topics: ' + deflectionText(deflection) : '';
    ((deflection && deflection.topics) || []).forEach(function (t) {
      var item = el('li');
      var link = el('a', null, t.title);
      link.href = topicHref(t.id);
      item.appendChild(link);
      item.appendChild(el('span', 'count', ' — ' + deflectionText(t)));
      ui.adminDeflection.appendChild(item);
    });
    if (!ui.adminDeflection.firstChild) ui.adminDeflection.appendChild(el('li', 'empty', 'No cases yet.'));
  }

  function renderAdmin(summary) {
    clear(ui.adminNotifications);
    (summary.recentNotifications || []).forEach(function (n) {
      var item = el('li');
      var time = el('time', 'when', formatTime(n.at));
      time.setAttribute('datetime', String(n.at));
      item.appendChild(time);
      var link = el('a', null, n.title);
      link.href = topicHref(n.topicId);
      item.appendChild(link);
      item.appendChild(el('p', 'summary', n.summary));
      ui.adminNotifications.appendChild(item);
    });
    if (!ui.adminNotifications.firstChild) ui.adminNotifications.appendChild(el('li', 'empty', 'No notifications yet.'));

    clear(ui.adminTopTopics);
    (summary.topTopics || []).forEach(function (t) {
      var item = el('li');
      var link = el('a', null, t.title);
      link.href = topicHref(t.id);
      item.appendChild(link);
      item.appendChild(el('span', 'count', ' — asked ' + t.count + (t.count === 1 ? ' time' : ' times')));
      ui.adminTopTopics.appendChild(item);
    });
    if (!ui.adminTopTopics.firstChild) ui.adminTopTopics.appendChild(el('li', 'empty', 'No questions yet.'));

    renderDeflection(summary.deflection);

    state.adminReady = true;
    ui.admin.hidden = state.topic !== null;
  }

  function loadAdmin(sdk) {
    if (!sdk.authentication || typeof sdk.authentication.getAuthToken !== 'function') return Promise.resolve();
    return withTimeout(sdk.authentication.getAuthToken(), TOKEN_TIMEOUT_MS)
      .then(function (token) {
        if (typeof token !== 'string' || token === '') return;
        return getJson('/api/kb/admin', { Authorization: 'Bearer ' + token }).then(function (response) {
          if (response.ok) renderAdmin(response.body);
        });
      })
      .catch(function () {
        // No token or not an admin: the section stays hidden.
      });
  }

  function initTeams() {
    var sdk = window.microsoftTeams;
    if (!sdk || !sdk.app || typeof sdk.app.initialize !== 'function') return Promise.resolve(false);
    var initialized;
    try {
      initialized = sdk.app.initialize();
    } catch (error) {
      return Promise.resolve(false);
    }
    // Outside Teams the SDK may fail long after we stopped waiting; that is expected.
    Promise.resolve(initialized).catch(function () {});
    return withTimeout(initialized, TEAMS_INIT_TIMEOUT_MS).then(
      function () {
        sdk.app.registerOnThemeChangeHandler(applyTheme);
        return withTimeout(sdk.app.getContext(), TEAMS_INIT_TIMEOUT_MS)
          .then(function (context) {
            applyTheme(context && context.app ? context.app.theme : 'default');
          })
          .catch(function () {
            applyTheme('default');
          })
          .then(function () {
            return Promise.resolve(sdk.app.notifySuccess()).catch(function () {});
          })
          .then(function () {
            return loadAdmin(sdk);
          })
          .then(function () {
            return true;
          });
      },
      function () {
        return false;
      },
    );
  }

  // ---- wiring ------------------------------------------------------------------------------------------------

  ui.form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(state.searchTimer);
    void search(ui.input.value);
  });
  ui.input.addEventListener('input', scheduleSearch);
  ui.back.addEventListener('click', goBack);
  ui.viewButtons.forEach(function (button) {
    button.addEventListener('click', function () {
      state.view = button.dataset.view === 'admin' ? 'admin' : 'user';
      renderView();
    });
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && !ui.topicView.hidden) goBack();
  });
  window.addEventListener('hashchange', route);

  applyTheme('default');
  void search('').then(route);
  void initTeams();
})();
