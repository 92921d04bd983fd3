# mistake: names the layers hidden and output, so the state_dict keys are not fc1.* and fc2.*
# targets: test_mlp
# %% mlp
class MLP(nn.Module):
    def __init__(self, in_features: int, hidden: int, out_features: int, p: float) -> None:
        super().__init__()
        self.hidden = nn.Linear(in_features, hidden)
        self.dropout = nn.Dropout(p)
        self.output = nn.Linear(hidden, out_features)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.output(self.dropout(F.relu(self.hidden(x))))
