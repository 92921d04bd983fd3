# mistake: updates the leaves in place outside torch.no_grad(), which autograd refuses
# targets: test_train_step
# %% train_step
def train_step(x, y, w, b, lr):
    loss = (0.5 * (x.pow(2).mm(w) + b - y) ** 2).sum()
    loss.backward()
    w -= lr * w.grad
    b -= lr * b.grad
    w.grad.zero_()
    b.grad.zero_()
    return loss.item()
