import { publishedContentRouter } from '../../../content/published-router';
import { COWORKING_SPACE } from '../../../platform/content-types';

export default publishedContentRouter(COWORKING_SPACE);
