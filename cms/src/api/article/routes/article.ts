import { publishedContentRouter } from '../../../published-router';

export default publishedContentRouter('api::article.article');
