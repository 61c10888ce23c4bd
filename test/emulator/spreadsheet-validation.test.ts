/**
 * Data validation and protections.
 * Validation: developers.google.com/apps-script/reference/spreadsheet/data-validation-builder
 * (rules apply to what users enter; script writes are not checked).
 * Protections: developers.google.com/apps-script/reference/spreadsheet/protection and
 * sheet#protect ("the permissions mirror those of the spreadsheet itself" until the editors change).
 */
import { ADMIN, CSR, setup, thrown, THERAPIST } from './spreadsheet-setup';
import { expectProbePasses } from './probes';

describe('DataValidationBuilder and DataValidation', () => {
  it('reads back a list rule (criteria type, values with the dropdown flag, help text, allowInvalid) as the live probe asserts', () => {
    expectProbePasses('dropdown lists');
  });

  it('shows the dropdown by default and has no rule outside the range it was set on', () => {
    const { app, sheet } = setup();
    sheet.getRange('D2:D10').setDataValidation(app.newDataValidation().requireValueInList(['Active', 'Left']).build());
    expect(sheet.getRange('D5').getDataValidation().getCriteriaValues()).toEqual([['Active', 'Left'], true]);
    expect(sheet.getRange('D11').getDataValidation()).toBeNull();
  });

  it('defaults to allowing invalid input (setAllowInvalid: "The default for a new data validation rule is true")', () => {
    const { app } = setup();
    expect(app.newDataValidation().requireTextIsEmail().build().getAllowInvalid()).toBe(true);
  });

  it('keeps a range rule pointing at its range', () => {
    const { app, ss, sheet } = setup();
    const clinicians = ss.insertSheet('Clinicians');
    sheet
      .getRange('A2')
      .setDataValidation(app.newDataValidation().requireValueInRange(clinicians.getRange('A2:A'), false).build());
    const [range, dropdown] = sheet.getRange('A2').getDataValidation().getCriteriaValues();
    expect([range.getSheet().getName(), range.getA1Notation(), dropdown]).toEqual(['Clinicians', 'A2:A1000', false]);
  });

  it('returns dates of date rules as Dates and copies rules through copy()', () => {
    const { app, sheet } = setup();
    const after = new Date(Date.UTC(2026, 0, 1));
    const rule = app.newDataValidation().requireDateAfter(after).build();
    const copy = rule.copy().setHelpText('After New Year').build();
    sheet.getRange('A1').setDataValidation(copy);
    const got = sheet.getRange('A1').getDataValidation();
    expect(got.getCriteriaType()).toBe('DATE_AFTER');
    expect(got.getCriteriaValues()[0].getTime()).toBe(after.getTime());
    expect(got.getHelpText()).toBe('After New Year');
    expect(rule.getHelpText()).toBeNull();
  });

  it.each([
    ['requireCheckbox', [], 'CHECKBOX', []],
    ['requireCheckbox', ['Yes', 'No'], 'CHECKBOX', ['Yes', 'No']],
    ['requireTextIsEmail', [], 'TEXT_IS_VALID_EMAIL', []],
    ['requireNumberBetween', [1, 5], 'NUMBER_BETWEEN', [1, 5]],
    ['requireFormulaSatisfied', ['=A1>0'], 'CUSTOM_FORMULA', ['=A1>0']],
    ['requireDate', [], 'DATE_IS_VALID_DATE', []],
  ])('%s(%j) gives criteria %s with values %j', (method, args, type, values) => {
    const { app } = setup();
    const rule = app
      .newDataValidation()
      [method](...args)
      .build();
    expect([rule.getCriteriaType(), rule.getCriteriaValues()]).toEqual([type, values]);
  });

  it('does not enforce rules on script writes (rules apply to values entered by users)', () => {
    const { app, sheet } = setup();
    sheet
      .getRange('A1')
      .setDataValidation(app.newDataValidation().requireValueInList(['Yes']).setAllowInvalid(false).build());
    sheet.getRange('A1').setValue('Maybe');
    expect(sheet.getRange('A1').getValue()).toBe('Maybe');
  });

  it('clears rules with clearDataValidations and with setDataValidation(null)', () => {
    const { app, sheet } = setup();
    const rule = app.newDataValidation().requireTextIsEmail().build();
    sheet.getRange('A1:B1').setDataValidation(rule);
    sheet.getRange('A1').clearDataValidations();
    sheet.getRange('B1').setDataValidation(null);
    expect(sheet.getRange('A1:B1').getDataValidations()).toEqual([[null, null]]);
  });
});

describe('a person typing into a validated cell (store.userEdit)', () => {
  function listCell(allowInvalid: boolean) {
    const t = setup();
    t.sheet
      .getRange('A1')
      .setDataValidation(
        t.app.newDataValidation().requireValueInList(['Reached', 'Voicemail']).setAllowInvalid(allowInvalid).build(),
      );
    return t;
  }

  it('rejects a value outside a strict list and leaves the cell unchanged', () => {
    const { store, hub, sheet } = listCell(false);
    sheet.getRange('A1').setValue('Reached');
    const edit = store.userEdit(hub.id, 'Sheet1', 'A1', 'Maybe', ADMIN);
    expect(edit.rejected).toMatch(/specified list/);
    expect(edit.applied).toBe(false);
    expect(sheet.getRange('A1').getValue()).toBe('Reached');
  });

  it('keeps a value outside a list that allows invalid input, with a warning', () => {
    const { store, hub, sheet } = listCell(true);
    const edit = store.userEdit(hub.id, 'Sheet1', 'A1', 'Maybe', ADMIN);
    expect(edit.rejected).toBeUndefined();
    expect(edit.warning).toMatch(/specified list/);
    expect(sheet.getRange('A1').getValue()).toBe('Maybe');
  });

  it('accepts a listed value and reports value and oldValue as the edit event carries them', () => {
    const { store, hub } = listCell(false);
    store.userEdit(hub.id, 'Sheet1', 'A1', 'Voicemail', ADMIN);
    const edit = store.userEdit(hub.id, 'Sheet1', 'A1', 'Reached', ADMIN);
    expect([edit.value, edit.oldValue, edit.range.getA1Notation()]).toEqual(['Reached', 'Voicemail', 'A1']);
  });

  it('reports a checkbox click as TRUE/FALSE strings and a cleared cell as no value', () => {
    const { store, hub, sheet } = setup();
    sheet.getRange('B2').insertCheckboxes();
    const click = store.userEdit(hub.id, 'Sheet1', 'B2', true, ADMIN);
    expect([click.value, click.oldValue]).toEqual(['TRUE', 'FALSE']);
    const clear = store.userEdit(hub.id, 'Sheet1', 'C3', '', ADMIN);
    expect(clear.value).toBeUndefined();
  });

  it('rejects an invalid email in a strict email cell', () => {
    const { app, store, hub, sheet } = setup();
    sheet.getRange('A1').setDataValidation(app.newDataValidation().requireTextIsEmail().setAllowInvalid(false).build());
    expect(store.userEdit(hub.id, 'Sheet1', 'A1', 'not-an-email', ADMIN).rejected).toBeDefined();
    expect(store.userEdit(hub.id, 'Sheet1', 'A1', 'pat@example.com', ADMIN).rejected).toBeUndefined();
  });

  it('moves the selection to the edited cell', () => {
    const { app, store, hub } = setup();
    store.userEdit(hub.id, 'Sheet1', 'C7', 'x', ADMIN);
    expect(app.getActiveRange().getA1Notation()).toBe('C7');
  });
});

describe('checkboxes (range#insertcheckboxes, #check, #ischecked, #removecheckboxes)', () => {
  it('inserts checkboxes unchecked (FALSE), with a CHECKBOX rule, as the live probe asserts', () => {
    expectProbePasses('checkboxes');
  });

  it('reports inserted checkboxes as not checked', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A2').insertCheckboxes();
    expect(sheet.getRange('A1:A2').isChecked()).toBe(false);
  });

  it('sets every cell to the empty string for a custom checked value only', () => {
    const { sheet } = setup();
    sheet.getRange('A1').insertCheckboxes('yes');
    expect(sheet.getRange('A1').getValue()).toBe('');
    sheet.getRange('A1').check();
    expect(sheet.getRange('A1').getValue()).toBe('yes');
  });

  it('reports null for a mix of checked and unchecked, or a cell without a checkbox', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A2').insertCheckboxes();
    sheet.getRange('A1').check();
    expect(sheet.getRange('A1:A2').isChecked()).toBeNull();
    expect(sheet.getRange('A1:A3').isChecked()).toBeNull();
    sheet.getRange('A2').check();
    expect(sheet.getRange('A1:A2').isChecked()).toBe(true);
  });

  it('ignores cells that hold neither checkbox value when checking', () => {
    const { sheet } = setup();
    sheet.getRange('A1').insertCheckboxes();
    sheet.getRange('A1').setValue('note');
    sheet.getRange('A1').check();
    expect(sheet.getRange('A1').getValue()).toBe('note');
  });

  it('removes checkboxes and clears cells that held a checkbox value', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A2').insertCheckboxes();
    sheet.getRange('A2').setValue('kept');
    sheet.getRange('A1:A2').removeCheckboxes();
    expect(sheet.getRange('A1:A2').getValues()).toEqual([[''], ['kept']]);
    expect(sheet.getRange('A1').getDataValidation()).toBeNull();
  });
});

describe('protections', () => {
  it("mirrors the file's editors until the editor list changes, so a new protection protects nothing", () => {
    const { ss, sheet, store, hub } = setup();
    ss.addEditor(CSR);
    const p = sheet.getRange('A1:B2').protect();
    expect(p.getEditors().map((u: { getEmail(): string }) => u.getEmail())).toEqual([ADMIN, CSR]);
    expect(store.userEdit(hub.id, 'Sheet1', 'A1', 'x', CSR).rejected).toBeUndefined();
  });

  it('leaves you the only editor of a protection made as the therapist sheet makes it, as the live probe asserts', () => {
    expectProbePasses('a protection only you can edit');
  });

  it('keeps the owner and the current user when removing every editor', () => {
    const { ss, sheet, users } = setup();
    ss.addEditors([CSR, THERAPIST]);
    users.effective = CSR; // the script runs as an editor who is not the owner
    const p = sheet.protect().setDescription('Hub');
    p.removeEditors(p.getEditors());
    expect(p.getEditors().map((u: { getEmail(): string }) => u.getEmail())).toEqual([ADMIN, CSR]);
    expect(p.getDescription()).toBe('Hub');
    expect(p.getProtectionType()).toBe('SHEET');
  });

  it("rejects a person's edit of a protected cell unless they are an editor of the protection", () => {
    const { ss, sheet, store, hub } = setup();
    ss.addEditors([CSR, THERAPIST]);
    const p = sheet.getRange('A1:A5').protect();
    p.removeEditors([CSR, THERAPIST]);
    p.addEditor(THERAPIST);
    expect(store.userEdit(hub.id, 'Sheet1', 'A2', 'x', CSR).rejected).toMatch(/protected cell/);
    expect(store.userEdit(hub.id, 'Sheet1', 'A2', 'y', THERAPIST).rejected).toBeUndefined();
    expect(store.userEdit(hub.id, 'Sheet1', 'B2', 'z', CSR).rejected).toBeUndefined();
  });

  it('lets everyone edit a warning-only protection, with a warning', () => {
    const { ss, sheet, store, hub } = setup();
    ss.addEditor(CSR);
    sheet.getRange('A1').protect().removeEditor(CSR).setWarningOnly(true);
    const edit = store.userEdit(hub.id, 'Sheet1', 'A1', 'x', CSR);
    expect(edit.rejected).toBeUndefined();
    expect(edit.warning).toBeDefined();
  });

  it('warns an editor of the file too, and even the owner, on a warning-only protection (Protection.setWarningOnly: "every user can edit … except editing prompts a warning")', () => {
    const { ss, sheet, store, hub } = setup();
    ss.addEditor(CSR);
    sheet.getRange('B1').protect().setWarningOnly(true);
    const byEditor = store.userEdit(hub.id, 'Sheet1', 'B1', 'x', CSR);
    expect(byEditor.rejected).toBeUndefined();
    expect(byEditor.warning).toBeDefined();
    expect(store.userEdit(hub.id, 'Sheet1', 'B1', 'y', ADMIN).warning).toBeDefined(); // the owner
  });

  it('leaves the unprotected ranges of a protected sheet editable', () => {
    const { ss, sheet, store, hub } = setup();
    ss.addEditor(THERAPIST);
    const p = sheet.protect();
    p.setUnprotectedRanges([sheet.getRange('E2:G10')]);
    p.removeEditor(THERAPIST);
    expect(store.userEdit(hub.id, 'Sheet1', 'E5', 'Refer out', THERAPIST).rejected).toBeUndefined();
    expect(store.userEdit(hub.id, 'Sheet1', 'A5', 'x', THERAPIST).rejected).toBeDefined();
    expect(p.getUnprotectedRanges().map((r: { getA1Notation(): string }) => r.getA1Notation())).toEqual(['E2:G10']);
  });

  it('refuses unprotected ranges on a range protection', () => {
    const { sheet } = setup();
    const p = sheet.getRange('A1').protect();
    expect(thrown(() => p.setUnprotectedRanges([sheet.getRange('B1')]))).toMatch(/protected sheet/);
  });

  it('stops a script running as a non-editor from writing protected cells', () => {
    const { ss, sheet, users } = setup();
    ss.addEditor(CSR);
    sheet.getRange('A1:A3').protect().removeEditor(CSR);
    users.effective = CSR;
    expect(thrown(() => sheet.getRange('A2').setValue('x'))).toBe(
      'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
    );
    sheet.getRange('B2').setValue('fine');
  });

  it('returns the existing protection when protecting an already protected sheet', () => {
    const { sheet } = setup();
    sheet.protect().setDescription('first');
    expect(sheet.protect().getDescription()).toBe('first');
    expect(sheet.getProtections('SHEET')).toHaveLength(1);
  });

  it('lists protections by type and removes them; canEdit is always true for the owner', () => {
    const { ss, sheet, app } = setup();
    const p = sheet.getRange('A1:B2').protect();
    sheet.protect();
    expect(ss.getProtections(app.ProtectionType.RANGE)).toHaveLength(1);
    expect(p.canEdit()).toBe(true);
    expect(p.getRange().getA1Notation()).toBe('A1:B2');
    p.remove();
    expect(ss.getProtections(app.ProtectionType.RANGE)).toHaveLength(0);
    expect(ss.getProtections(app.ProtectionType.SHEET)).toHaveLength(1);
  });

  it('refuses getEditors to a user who cannot edit the protected area', () => {
    const { ss, sheet, users } = setup();
    ss.addEditor(CSR);
    const p = sheet.getRange('A1').protect().removeEditor(CSR);
    users.effective = CSR;
    expect(p.canEdit()).toBe(false);
    expect(thrown(() => p.getEditors())).toMatch(/permission/);
  });

  it('moves a protected range when rows are inserted above it', () => {
    const { sheet } = setup();
    const p = sheet.getRange('A5:B6').protect();
    sheet.insertRowsBefore(2, 3);
    expect(p.getRange().getA1Notation()).toBe('A8:B9');
  });
});
