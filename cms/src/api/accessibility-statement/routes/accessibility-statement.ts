import { publishedContentRouter } from '../../../content/published-router';
import { ACCESSIBILITY_STATEMENT } from '../../../platform/content-types';

export default publishedContentRouter(ACCESSIBILITY_STATEMENT, 'singleType');
