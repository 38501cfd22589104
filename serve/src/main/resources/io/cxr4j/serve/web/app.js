// The page of cxr4j-serve: uploads one image to /v1/explain and shows the answer. Uses only this
// server; nothing is fetched from anywhere else.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  let cards = [];

  function text(value) {
    return value === undefined || value === null ? '' : String(value);
  }

  function counts(perClass) {
    return Object.entries(perClass || {}).map(([name, n]) => name + ' ' + n).join(', ');
  }

  function trainingSources(training) {
    if (!training.sourcesRecorded) {
      return 'not recorded' + (training.dataset ? ' (data set ' + training.dataset + ')' : '');
    }
    return training.sources.map((s) => (s.source || 'unknown source') + ': ' + s.images + ' images ('
        + counts(s.classCounts) + ')').join('; ');
  }

  function figure(estimate, percent) {
    if (!estimate || estimate.value === undefined || estimate.value === null) {
      return 'n/a';
    }
    const show = (x) => (percent ? (100 * x).toFixed(1) + ' %' : x.toFixed(3));
    const interval = estimate.ci95Lower === undefined || estimate.ci95Lower === null ? ' (no interval)'
        : ' (95% CI ' + show(estimate.ci95Lower) + ' to ' + show(estimate.ci95Upper) + ')';
    return show(estimate.value) + interval;
  }

  function test(record) {
    return record.datasetName + ', n = ' + record.images + ' (' + record.positives + ' ' + record.positiveClass
        + ', ' + record.negatives + ' other; sources: ' + record.sources.map((s) => s.source || 'unknown').join(', ')
        + '): accuracy ' + figure(record.accuracy, true) + ', sensitivity ' + figure(record.sensitivity, true)
        + ', specificity ' + figure(record.specificity, true) + ', AUC ' + figure(record.auc, false);
  }

  function showCard() {
    const card = cards.find((c) => c.name === $('model').value);
    const fields = $('card-fields');
    fields.replaceChildren();
    if (!card) {
      return;
    }
    const training = card.training || {};
    const evaluation = card.evaluation || {};
    const rows = [
      ['Name', card.name],
      ['Classes', (card.classes || []).join(', ')],
      ['Architecture', card.architecture],
      ['Engine', card.engine + (card.engineVersion ? ' ' + card.engineVersion : '')],
      ['Trained', card.createdAt],
      ['Training sources', trainingSources(training)],
      ['Training images', text(training.images) + ' (' + counts(training.imagesPerClass) + ')'],
      ['Input', card.preprocessing ? card.preprocessing.imageSize + ' px, ' + card.preprocessing.resizeMode : ''],
      ['Held-out test', evaluation.heldOutTest ? test(evaluation.heldOutTest) : 'not recorded'],
    ];
    for (const later of evaluation.laterTests || []) {
      const kind = later.onTrainingSources === false ? 'External test (sources it never trained on)'
        : later.onTrainingSources === true ? 'Later test (sources it trained on)' : 'Later test';
      rows.push([kind, test(later)]);
    }
    rows.push(['Evaluation note', evaluation.note], ['Use', card.clinicalUse]);
    for (const [name, value] of rows) {
      const dt = document.createElement('dt');
      dt.textContent = name;
      const dd = document.createElement('dd');
      dd.textContent = text(value);
      fields.append(dt, dd);
    }
  }

  async function loadModels() {
    const response = await fetch('/v1/models');
    cards = (await response.json()).models;
    const select = $('model');
    for (const card of cards) {
      const option = document.createElement('option');
      option.value = card.name;
      option.textContent = card.name + ' (' + card.engine + ', ' + card.architecture + ')';
      select.append(option);
    }
    showCard();
  }

  function mediaType(file) {
    if (file.type === 'image/png' || file.type === 'image/jpeg' || file.type === 'application/dicom') {
      return file.type;
    }
    if (/\.dcm$/i.test(file.name)) {
      return 'application/dicom';
    }
    // Anything else is sent as declared, so the server can say what it does not accept.
    return file.type || 'application/octet-stream';
  }

  async function upload(file) {
    $('error').textContent = '';
    $('status').textContent = 'Classifying ' + file.name + '…';
    const query = new URLSearchParams({ model: $('model').value });
    const source = $('source').value.trim();
    if (source) {
      query.set('source', source);
    }
    try {
      const response = await fetch('/v1/explain?' + query, {
        method: 'POST', headers: { 'Content-Type': mediaType(file) }, body: file,
      });
      const answer = await response.json();
      if (!response.ok) {
        $('status').textContent = '';
        $('error').textContent = 'Refused (' + response.status + '): ' + answer.error;
        return;
      }
      show(answer, file.name);
    } catch (e) {
      $('status').textContent = '';
      $('error').textContent = 'The server did not answer: ' + e;
    }
  }

  function show(answer, name) {
    $('status').textContent = name + ': ' + answer.label;
    $('xray').src = 'data:image/png;base64,' + answer.explanation.imagePng;
    $('overlay').src = 'data:image/png;base64,' + answer.explanation.overlayPng;
    $('label').textContent = answer.label;
    const rows = $('probabilities').querySelector('tbody');
    rows.replaceChildren();
    for (const [cls, p] of Object.entries(answer.probabilities)) {
      const tr = document.createElement('tr');
      tr.className = 'probability';
      const c = document.createElement('td');
      c.textContent = cls;
      const v = document.createElement('td');
      v.textContent = (100 * p).toFixed(1) + ' %';
      tr.append(c, v);
      rows.append(tr);
    }
    const warnings = $('warnings');
    warnings.replaceChildren();
    for (const w of answer.warnings) {
      const li = document.createElement('li');
      li.textContent = w;
      warnings.append(li);
    }
    $('result').hidden = false;
  }

  $('opacity').addEventListener('input', () => {
    $('overlay').style.opacity = $('opacity').value / 100;
  });
  $('model').addEventListener('change', showCard);
  $('file').addEventListener('change', () => {
    if ($('file').files.length) {
      upload($('file').files[0]);
    }
  });
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer.files.length) {
      upload(e.dataTransfer.files[0]);
    }
  });
  loadModels().catch((e) => { $('error').textContent = 'Cannot load the models: ' + e; });
}());
