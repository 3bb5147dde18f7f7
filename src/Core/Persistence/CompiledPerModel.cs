using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace PosCloud.Core.Persistence;

/// <summary>
/// An EF compiled query (<see cref="EF.CompileAsyncQuery{TContext, TResult}(System.Linq.Expressions.Expression{Func{TContext, TResult}})"/>)
/// per model. EF binds a compiled query to the model, and so the provider, of the first context it runs on. One process
/// can hold more than one (the tests run the embedded SQLite default beside PostgreSQL), and a query compiled for one
/// answers the other with SQL in the wrong dialect.
/// </summary>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> _queries = new(ReferenceEqualityComparer.Instance);

    public TQuery For(DbContext db) => _queries.GetOrAdd(db.Model, _ => compile());
}
