using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PosCloud.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Einvoice_PeriodIdentity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_IssuedInvoices",
                table: "IssuedInvoices");

            migrationBuilder.AddColumn<bool>(
                name: "AsIssued",
                table: "IssuedInvoices",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "SalesAmount",
                table: "IssuedInvoices",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TaxAmount",
                table: "IssuedInvoices",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Period",
                table: "InvoiceFlags",
                type: "nvarchar(5)",
                maxLength: 5,
                nullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "PK_IssuedInvoices",
                table: "IssuedInvoices",
                columns: new[] { "Period", "Number" });

            migrationBuilder.CreateTable(
                name: "IssuedInvoiceItems",
                columns: table => new
                {
                    Period = table.Column<string>(type: "nvarchar(5)", maxLength: 5, nullable: false),
                    Number = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    Sequence = table.Column<int>(type: "int", nullable: false),
                    Description = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Quantity = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    UnitPrice = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    Amount = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    TaxType = table.Column<string>(type: "nvarchar(1)", maxLength: 1, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssuedInvoiceItems", x => new { x.Period, x.Number, x.Sequence });
                    table.ForeignKey(
                        name: "FK_IssuedInvoiceItems_IssuedInvoices_Period_Number",
                        columns: x => new { x.Period, x.Number },
                        principalTable: "IssuedInvoices",
                        principalColumns: new[] { "Period", "Number" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IssuedInvoices_Number",
                table: "IssuedInvoices",
                column: "Number");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IssuedInvoiceItems");

            migrationBuilder.DropPrimaryKey(
                name: "PK_IssuedInvoices",
                table: "IssuedInvoices");

            migrationBuilder.DropIndex(
                name: "IX_IssuedInvoices_Number",
                table: "IssuedInvoices");

            migrationBuilder.DropColumn(
                name: "AsIssued",
                table: "IssuedInvoices");

            migrationBuilder.DropColumn(
                name: "SalesAmount",
                table: "IssuedInvoices");

            migrationBuilder.DropColumn(
                name: "TaxAmount",
                table: "IssuedInvoices");

            migrationBuilder.DropColumn(
                name: "Period",
                table: "InvoiceFlags");

            migrationBuilder.AddPrimaryKey(
                name: "PK_IssuedInvoices",
                table: "IssuedInvoices",
                column: "Number");
        }
    }
}
