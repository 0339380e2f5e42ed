export { Settings, SETTING_NAMES } from './settings';
