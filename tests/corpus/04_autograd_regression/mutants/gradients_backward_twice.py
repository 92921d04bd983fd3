# mistake: calls backward twice (once to look at the gradient), so .grad holds twice the gradient
# targets: test_gradients
# %% gradients
def gradients(objective, x, y, w, b):
    loss = objective(x, y, w, b)
    loss.backward(retain_graph=True)
    print(w.grad)
    loss.backward()
    return w.grad, b.grad
