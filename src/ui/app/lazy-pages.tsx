import { lazyView } from './lazy-view';

// The pages besides the lab, each fetched when its address is first opened
// (lazy-view.tsx): a visitor who only runs the lab never downloads them.

export const ReferencesPage = lazyView('references page', () => import('../references/ReferencesPage').then((m) => m.ReferencesPage));
export const CoursePage = lazyView('course page', () => import('../course/CoursePage').then((m) => m.CoursePage));
export const CapturePage = lazyView('capture page', () => import('../capture/CapturePage').then((m) => m.CapturePage));
export const ComparePage = lazyView('compare page', () => import('../compare/ComparePage').then((m) => m.ComparePage));
export const PacketDecoder = lazyView('packet decoder', () => import('../decoder/PacketDecoder').then((m) => m.PacketDecoder));
