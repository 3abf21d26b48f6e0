import { publishedContentRouter } from '../../../content/published-router';
import { EDITION } from '../../../platform/content-types';

export default publishedContentRouter(EDITION);
