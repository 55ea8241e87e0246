import { lazyView } from './lazy-view';

// The lab's secondary panels, fetched when first drawn (lazy-view.tsx) rather than
// carried in the first load: the key exchange, the ladder diagram and the
// statistics (uPlot) are each a tab the learner opens after the network is up. The
// Tables tab is open from the start, but it shows nothing until a node is selected
// and its code (every role's tables, the key formats they show) need not hold up the
// canvas: it is fetched beside the first run.
export const NodeStatePanel = lazyView('node tables', () => import('../state/NodeStatePanel').then((m) => m.NodeStatePanel));

export const KeyExchangePanel = lazyView('key exchange view', () => import('../keys/KeyExchangePanel').then((m) => m.KeyExchangePanel));
export const LadderDiagram = lazyView('ladder diagram', () => import('../ladder/LadderDiagram').then((m) => m.LadderDiagram));
export const StatisticsPanel = lazyView('statistics', () => import('../stats/StatisticsPanel').then((m) => m.StatisticsPanel));
// The Settings tab reaches every role's configuration (the protocol engine's node settings).
export const NodeSettings = lazyView('node settings', () => import('../controls/NodeSettings').then((m) => m.NodeSettings));
