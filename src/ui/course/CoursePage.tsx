import { memo, useMemo, useState } from 'react';
import { CitedText } from '../references/CitedText';
import { storedStep } from '../lessons/stored-progress';
import { lessonById } from '../lessons/lesson-catalog';
import { courseLessons } from './course-catalog';
import { courseMap, filterCourse, progressState, progressText, type CourseLesson, type CourseRow } from './course-map';
import { PlaylistBuilder, type DraftItem } from './PlaylistBuilder';
import './course.css';

// The course page (#/course): every registered lesson on a map of the paper,
// §2 to §10, with how far this browser's learner got in each; a filter by
// part of the paper; and, for an instructor, a lecture built from the lessons
// (and free-play stretches) as one link.

/** The address that opens a lesson (relative: the lab may live under any path). */
export const lessonHref = (id: string): string => `?lesson=${encodeURIComponent(id)}`;

const LessonCard = memo(function LessonCard({ lesson, onAdd }: { readonly lesson: CourseLesson; readonly onAdd: (id: string) => void }) {
  const progress = useMemo(() => {
    const loaded = lessonById(lesson.id);
    return progressState(loaded === undefined ? null : storedStep(loaded), lesson.steps);
  }, [lesson]);
  return (
    <li className="course-lesson" data-lesson-id={lesson.id}>
      <h3><a href={lessonHref(lesson.id)}>{lesson.title}</a></h3>
      <p>{lesson.summary}</p>
      <p className="course-meta">
        <CitedText text={`Perkins & Johnson ${lesson.sections.join(', ')}`} /> · {lesson.steps} steps ·{' '}
        <span className={`course-progress course-progress-${progress.kind}`}>{progressText(progress)}</span>
      </p>
      <button type="button" onClick={() => onAdd(lesson.id)} aria-label={`Add to the lecture: ${lesson.title}`}>Add to the lecture</button>
    </li>
  );
});

function Row({ row, onAdd }: { readonly row: CourseRow; readonly onAdd: (id: string) => void }) {
  const { part, lessons, alsoCovered } = row;
  return (
    <li className={`course-row${part.notYet === undefined ? '' : ' course-row-not-yet'}`}>
      <h2><span className="course-part">{part.label === 'Other' ? '' : part.label}</span> {part.title}</h2>
      {part.notYet !== undefined ? <p className="course-empty">{part.notYet}</p>
        : lessons.length === 0 && alsoCovered.length === 0 ? <p className="course-empty">No lesson for this part yet.</p> : null}
      {lessons.length === 0 ? null : <ul className="course-lessons">{lessons.map((l) => <LessonCard key={l.id} lesson={l} onAdd={onAdd} />)}</ul>}
      {alsoCovered.length === 0 ? null : (
        <p className="course-also">
          Also on this part:{' '}
          {alsoCovered.map((l, i) => <span key={l.id}>{i === 0 ? '' : ', '}<a href={lessonHref(l.id)}>{l.title}</a></span>)}
        </p>
      )}
    </li>
  );
}

function SectionFilter({ rows, value, onChange }: { readonly rows: readonly CourseRow[]; readonly value: string; readonly onChange: (v: string) => void }) {
  const options = [{ label: 'all', text: 'All', count: rows.reduce((n, r) => n + r.lessons.length, 0) }, ...rows.map((r) => ({ label: r.part.label, text: r.part.label, count: r.lessons.length + r.alsoCovered.length }))];
  return (
    <fieldset className="course-filter">
      <legend>Show the part of the paper</legend>
      {options.map((o) => (
        <label key={o.label} className={`course-chip${value === o.label ? ' course-chip-on' : ''}`}>
          <input type="radio" name="course-filter" value={o.label} checked={value === o.label} onChange={() => onChange(o.label)} />
          {o.text} <span className="course-chip-count">({o.count === 1 ? '1 lesson' : `${o.count} lessons`})</span>
        </label>
      ))}
    </fieldset>
  );
}

let nextKey = 0;

export function CoursePage() {
  const lessons = useMemo(() => courseLessons(), []);
  const rows = useMemo(() => courseMap(lessons), [lessons]);
  const [filter, setFilter] = useState('all');
  const [draft, setDraft] = useState<readonly DraftItem[]>([]);
  const add = (id: string): void => setDraft((d) => [...d, { key: ++nextKey, item: { kind: 'lesson', lesson: id } }]);
  const shown = filterCourse(rows, filter);
  return (
    <div className="app course-page">
      <header className="app-header course-header">
        <h1>Route Optimization Lab — the course</h1>
        <p>
          The lessons follow the paper, Perkins &amp; Johnson, part by part. Each is a few short steps on the live network: predict,
          act, and see the packets that show it. <a href="#/">Back to the lab</a>
        </p>
      </header>
      <main className="course-main">
        <section className="course-map-section" aria-labelledby="course-map-title">
          <h2 id="course-map-title" className="course-section-title">Lessons by part of the paper</h2>
          <SectionFilter rows={rows} value={filter} onChange={setFilter} />
          <ol className="course-map">{shown.map((r) => <Row key={r.part.label} row={r} onAdd={add} />)}</ol>
        </section>
        <PlaylistBuilder items={draft} onChange={setDraft} nextKey={() => ++nextKey} />
      </main>
    </div>
  );
}
