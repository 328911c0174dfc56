// `npm run bench`: the format benchmark, then the editor against its plain-DOM baseline in Chromium (in this order).
import './format';
import './editor';
