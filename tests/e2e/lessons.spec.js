// The guided lessons, as a learner takes them: open the first lesson from the lesson menu, and
// in every step read the text, press Do it when there is something to run, wait until the panel
// says it is done, press Next; the last step of a lesson opens the next lesson, the last one
// finishes. All nine lessons, in English and in Chinese, with no console errors. The lessons'
// runs are short by design (1,000 training images, one epoch or a few), so all of it fits in a
// few minutes on two cores.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { Playground } from './helpers.js';
import { openHostPage, pageViolations } from './host-page.js';
import { LESSONS } from '../../web/lessons/index.js';

const CJK = /[\u4e00-\u9fff]/;
const CHROME = {
  en: { doIt: 'Do it', next: 'Next', nextLesson: 'Next lesson', finish: 'Finish', menu: 'All lessons' },
  zh: { doIt: '执行', next: '下一步', nextLesson: '下一课', finish: '完成', menu: '全部课程' },
};

/** The lesson panel, found through the element's (open) shadow root. */
class LessonPanel {
  constructor(page, lang) {
    this.page = page;
    this.chrome = CHROME[lang];
    this.panel = page.locator('#lesson-panel');
    this.lesson = this.panel.locator('article.lesson');
  }

  button(name) {
    return this.panel.getByRole('button', { name, exact: true });
  }

  /** Opens a lesson from the menu (unfolded first if a lesson folded it). */
  async openFromMenu(index) {
    const item = this.panel.locator('.lesson-menu-item').nth(index);
    if (!(await item.isVisible())) await this.panel.locator('.lesson-menu > summary').click();
    await item.click();
  }
}

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** axe-core's WCAG A/AA findings inside the lesson panel. */
async function panelViolations(page) {
  const result = await new AxeBuilder({ page }).include({ fromShadowDom: ['mnist-playground', '#lesson-panel'] })
    .withTags(WCAG).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Waits for the data and the model, whatever the interface's language. */
async function waitForData(page) {
  await expect(page.locator('#train-button')).toBeEnabled({ timeout: 60_000 });
}

for (const lang of ['en', 'zh']) {
  test.describe(`lessons in ${lang}`, () => {
    // The browser's language picks the interface's (?lang= says it too, where the page reads it).
    // Reduced motion: the page jumps to a step's part instead of scrolling there smoothly.
    test.use({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', reducedMotion: 'reduce' });

    test(`every lesson, every step, end to end (${lang})`, async ({ page }, testInfo) => {
      test.setTimeout(150_000);
      const app = new Playground(page);
      await app.open(`lang=${lang}`);
      const lessons = new LessonPanel(page, lang);
      await waitForData(page);
      const started = Date.now();

      await lessons.openFromMenu(0);
      for (const [number, lesson] of LESSONS.entries()) {
        await expect(lessons.lesson).toHaveAttribute('data-lesson', lesson.id);
        await expect(lessons.lesson.locator('h3')).toHaveText(lesson.title[lang]);
        const lessonStart = Date.now();
        for (const [i, step] of lesson.steps.entries()) {
          const where = `${lesson.id} step ${i + 1}`;
          await expect(lessons.lesson.locator('.lesson-text'), where).toHaveText(step.text[lang]);
          await expect(lessons.lesson.locator('.lesson-look-text'), where).toHaveText(step.look[lang]);
          if (lang === 'zh') {
            await expect(lessons.lesson.locator('.lesson-text'), where).toHaveText(CJK);
            await expect(lessons.lesson.locator('.lesson-progress'), where).toHaveText(CJK);
          }
          const last = i === lesson.steps.length - 1;
          const next = lessons.button(!last ? lessons.chrome.next
            : number < LESSONS.length - 1 ? lessons.chrome.nextLesson : lessons.chrome.finish);
          if (step.target) await expect(page.locator(`#${step.target}`), where).toHaveClass(/lesson-target/);
          if (step.do) {
            await expect(next, `${where}: Next waits for the step`).toBeDisabled();
            await lessons.button(lessons.chrome.doIt).click();
            await expect(lessons.lesson, `${where}: ${step.do} is done`).toHaveAttribute('data-state', /done|failed/, { timeout: 60_000 });
            // A step that failed says why; none may fail.
            await expect(lessons.lesson.locator('.lesson-status'), where).not.toHaveText(/could not run|没能运行/);
            await expect(lessons.lesson, where).toHaveAttribute('data-state', 'done');
          }
          await next.click();
          // The step's outline goes when the step ends.
          if (step.target && step.target !== lesson.steps[i + 1]?.target) {
            await expect(page.locator(`#${step.target}`), where).not.toHaveClass(/lesson-target/);
          }
        }
        console.log(`${lang} ${lesson.id}: ${((Date.now() - lessonStart) / 1000).toFixed(1)} s`);
      }
      // Finished: the lesson closes and the menu is back.
      await expect(lessons.lesson).toBeHidden();
      await expect(lessons.panel.locator('.lesson-menu-item')).toHaveCount(LESSONS.length);
      console.log(`${lang}: all lessons in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      await app.screenshot(testInfo, `lessons-${lang}-finished`);
      expect(app.errors).toEqual([]);
    });
  });
}

test('the lesson panel on a phone: keyboard, read out, accessible in both themes, buttons in reach, another language @phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 667 });
  const app = new Playground(page);
  await app.open();
  const lessons = new LessonPanel(page, 'en');
  const menu = lessons.panel.locator('.lesson-menu-item');
  await expect(menu).toHaveCount(LESSONS.length);
  await expect(menu.nth(2)).toContainText('Activation functions');
  // Keyboard only: the menu unfolds with Enter, then the third lesson; the focus goes to its title.
  await expect(menu.first()).toBeHidden();
  await lessons.panel.locator('.lesson-menu > summary').focus();
  await page.keyboard.press('Enter');
  await menu.nth(2).focus();
  await page.keyboard.press('Enter');
  await expect(lessons.lesson).toHaveAttribute('data-lesson', 'activations');
  await expect(lessons.lesson.locator('h3')).toBeFocused();
  await expect(lessons.lesson.locator('.lesson-step')).toHaveAttribute('aria-live', 'polite');
  await expect(lessons.lesson.locator('.lesson-progress')).toHaveText('Step 1 of 5');
  // No WCAG A/AA violations in the open lesson, light and dark.
  expect(await panelViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await panelViolations(page)).toEqual([]);
  // Every button of the step is on the screen, and nothing is wider than it.
  for (const name of ['Back', 'Do it', 'Next', 'Close']) await expect(lessons.button(name)).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  // Another language: the open step is written again in it.
  await page.locator('#language-choice').selectOption('zh');
  await expect(lessons.lesson.locator('.lesson-text')).toHaveText(LESSONS[2].steps[0].text.zh);
  await expect(lessons.lesson.locator('.lesson-progress')).toHaveText('第 1 步，共 5 步');
  await page.locator('#language-choice').selectOption('en');
  await expect(lessons.lesson.locator('.lesson-text')).toHaveText(LESSONS[2].steps[0].text.en);
  await lessons.button('Close').focus();
  await page.keyboard.press('Enter');
  await expect(lessons.lesson).toBeHidden();
  await expect(lessons.panel.locator('.lesson-menu > summary')).toBeFocused();
  await expect(menu.first()).toBeVisible();
  expect(app.errors).toEqual([]);
});

test('an embedded playground without the teaching panels: the step says so and still runs', async ({ page, baseURL }) => {
  const { violations } = await openHostPage(page, baseURL,
    '<mnist-playground id="widget" controls="lessons train chart" persist="off"></mnist-playground>');
  const lessons = new LessonPanel(page, 'en');
  await waitForData(page);
  await lessons.openFromMenu(0);
  const where = lessons.lesson.locator('.lesson-where');
  await expect(where).toHaveAttribute('data-hidden-part', 'true');
  await expect(where).toContainText('not shown in this playground');
  await expect(page.locator('#explain-panel')).toBeHidden();
  await lessons.button('Do it').click();
  await expect(lessons.lesson).toHaveAttribute('data-state', 'done');
  await expect(lessons.lesson.locator('.lesson-status')).toHaveText('Done. Press Next to go on.');
  // The last step points at the draw pad, which is not shown either; its training still runs.
  await lessons.button('Next').click();
  await lessons.button('Next').click();
  await lessons.button('Do it').click();
  await expect(lessons.lesson).toHaveAttribute('data-state', 'done');
  await lessons.button('Next').click();
  await lessons.button('Do it').click();
  await expect(lessons.lesson).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(page.locator('#epoch-log li')).toHaveCount(1);
  expect([...violations, ...(await pageViolations(page))]).toEqual([]);
});

test('a link opens a lesson (?lesson=) and keeps the open one in the address bar; a host opens one with the lesson attribute', async ({ page, baseURL }) => {
  const app = new Playground(page);
  await page.goto('/?lesson=loss&lang=zh&limit=1000');
  const lessons = new LessonPanel(page, 'zh');
  await expect(lessons.lesson.locator('h3, h2').first()).toContainText(CJK);
  await expect(lessons.lesson).toContainText(LESSONS.find((l) => l.id === 'loss').title.zh);
  await waitForData(page);
  expect(new URL(page.url()).searchParams.get('lesson')).toBe('loss');
  // Another lesson from the menu: the address bar follows.
  await lessons.openFromMenu(LESSONS.findIndex((l) => l.id === 'overfitting'));
  await expect.poll(() => new URL(page.url()).searchParams.get('lesson')).toBe('overfitting');
  expect(new URL(page.url()).searchParams.get('lang')).toBe('zh');
  expect(new URL(page.url()).searchParams.get('limit')).toBe('1000');
  expect(app.errors).toEqual([]);

  // An embedded element showing only the chart: the lesson attribute brings its panel.
  await openHostPage(page, baseURL,
    '<mnist-playground id="widget" controls="none" lesson="neuron" persist="off"></mnist-playground>');
  const embedded = new LessonPanel(page, 'en');
  await expect(embedded.lesson).toContainText(LESSONS[0].title.en);
  const changes = page.evaluate(() => new Promise((resolve) => document.getElementById('widget')
    .addEventListener('lessonchange', (e) => resolve(e.detail.lesson), { once: true })));
  await page.evaluate(() => { document.getElementById('widget').lesson = 'convolutions'; });
  expect(await changes).toBe('convolutions');
  await expect(embedded.lesson).toContainText(LESSONS.find((l) => l.id === 'convolutions').title.en);
});
