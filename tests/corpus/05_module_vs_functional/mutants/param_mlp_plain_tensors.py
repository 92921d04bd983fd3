# mistake: stores the parameters as plain tensors with requires_grad=True, which nn.Module does not register
# targets: test_param_mlp
# %% param_mlp
class ParamMLP(nn.Module):
    def __init__(self, in_features: int, hidden: int, out_features: int, p: float) -> None:
        super().__init__()
        self.p = p
        self.w1 = torch.randn(hidden, in_features, requires_grad=True)
        self.b1 = torch.zeros(hidden, requires_grad=True)
        self.w2 = torch.randn(out_features, hidden, requires_grad=True)
        self.b2 = torch.zeros(out_features, requires_grad=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = F.dropout(F.relu(F.linear(x, self.w1, self.b1)), self.p, training=self.training)
        return F.linear(h, self.w2, self.b2)
