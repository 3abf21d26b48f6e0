import { publishedContentRouter } from '../../../published-router';

export default publishedContentRouter('api::kommun.kommun');
