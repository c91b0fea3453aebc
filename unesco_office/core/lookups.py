"""A lookup the ORM gets wrong on SQLite, registered when the project app is ready."""

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    """`in` on an integer column (a primary key among them) leaves out the values past the
    database's integers, which no row holds, as Django's `exact`, `lt` and the like already
    do. SQLite fails on them ("Python int too large to convert to SQLite INTEGER"), so that a
    form sent the key 99999999999999999999 for one of several related records was a server
    error instead of the field's message."""

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
